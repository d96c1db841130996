import { isDecimal, plainNumber } from '../decimal/exact-decimal';
import { LogicValidationError } from '../logic.error';
import type { CompiledLogic } from '../logic.types';
import { validate } from '../validate/logic.validator';
import { argumentsOf, isOperatorNode, operatorOf } from '../validate/logic-node';
import { ARRAY_BUILDERS } from './array-ops.builders';
import { type CompileOptions, constantFn, constantOf, type Fn, type OperatorBuilder } from './compiled-node';
import { CORE_BUILDERS } from './core-ops.builders';
import { DATE_BUILDERS } from './date-ops.builders';
import { VALUE_BUILDERS } from './value-ops.builders';

const BUILDERS: Readonly<Record<string, OperatorBuilder>> = {
  ...CORE_BUILDERS,
  ...VALUE_BUILDERS,
  ...ARRAY_BUILDERS,
  ...DATE_BUILDERS,
};

/**
 * Compile an expression into a plain closure `(data, ctx) => value`: the tree is walked once
 * and every node becomes a closure over its compiled children (no eval, no `new Function`).
 * Arithmetic is exact (decimal); a result hands numbers back as JS numbers when they say the
 * same, else as exact decimal text. Throws `LogicValidationError` when the expression does not
 * validate.
 */
export function compile(expr: unknown, options: CompileOptions = {}): CompiledLogic {
  const result = validate(expr);
  if (!result.ok) throw new LogicValidationError(result.errors);
  const fn = compileNode(expr, options);
  const constant = constantOf(fn);
  if (constant) {
    const value = plain(constant.value);
    return () => value;
  }
  return (data, ctx) => plain(fn(data, ctx));
}

function compileNode(node: unknown, options: CompileOptions): Fn {
  const child = (n: unknown) => compileNode(n, options);
  if (Array.isArray(node)) {
    const items = node.map(child);
    if (items.every((f) => constantOf(f))) return constantFn(items.map((f) => constantOf(f)!.value));
    return (d, ctx) => items.map((f) => f(d, ctx));
  }
  if (!isOperatorNode(node)) return constantFn(node);
  const op = operatorOf(node);
  const builder = Object.hasOwn(BUILDERS, op) ? BUILDERS[op] : undefined;
  if (!builder) throw new Error(`No evaluator for operator "${op}"`); // unreachable after validate
  return builder(argumentsOf(node, op), child, options);
}

/** Exact decimals out (in arrays too, from `map`): a JS number when exact, else decimal text. */
function plain(value: unknown): unknown {
  if (isDecimal(value)) return plainNumber(value);
  if (Array.isArray(value) && value.some((v) => isDecimal(v) || Array.isArray(v))) return value.map(plain);
  return value;
}
