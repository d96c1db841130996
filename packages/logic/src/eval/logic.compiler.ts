import { LogicValidationError } from '../logic.error';
import type { CompiledLogic } from '../logic.types';
import { validate } from '../validate/logic.validator';
import { argumentsOf, isOperatorNode, operatorOf } from '../validate/logic-node';
import { ARRAY_BUILDERS } from './array-ops.builders';
import { constantFn, constantOf, type Fn, type OperatorBuilder } from './compiled-node';
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
 * Throws `LogicValidationError` when the expression does not validate.
 */
export function compile(expr: unknown): CompiledLogic {
  const result = validate(expr);
  if (!result.ok) throw new LogicValidationError(result.errors);
  return compileNode(expr) as CompiledLogic;
}

function compileNode(node: unknown): Fn {
  if (Array.isArray(node)) {
    const items = node.map(compileNode);
    if (items.every((f) => constantOf(f))) return constantFn(items.map((f) => constantOf(f)!.value));
    return (d, ctx) => items.map((f) => f(d, ctx));
  }
  if (!isOperatorNode(node)) return constantFn(node);
  const op = operatorOf(node);
  const builder = Object.hasOwn(BUILDERS, op) ? BUILDERS[op] : undefined;
  if (!builder) throw new Error(`No evaluator for operator "${op}"`); // unreachable after validate
  return builder(argumentsOf(node, op), compileNode);
}
