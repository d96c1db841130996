import { unstorableText } from '@tessera/schema';
import type { LogicIssue, ValidationResult } from '../logic.types';
import { argumentPath, argumentsOf, isOperatorNode, operatorOf } from './logic-node';
import { OPERATORS, operatorSpec } from './operator.registry';

/**
 * How deep operators and lists may nest. Far beyond any hand-written or designer-built condition;
 * it keeps the recursive compilers (in memory and to SQL) well inside the call stack.
 */
export const MAX_LOGIC_DEPTH = 64;

/**
 * Check an expression against the operator allow-list: unknown operators, wrong arity and bad
 * unit names are reported with the path of the offending node; so are nesting deeper than
 * MAX_LOGIC_DEPTH and string literals the database cannot take (NUL, unpaired surrogates).
 * Pure; never throws.
 */
export function validate(expr: unknown): ValidationResult {
  const errors: LogicIssue[] = [];
  walk(expr, '', errors, 0);
  return errors.length === 0 ? { ok: true, errors: [] } : { ok: false, errors };
}

function walk(node: unknown, path: string, errors: LogicIssue[], depth: number): void {
  if (typeof node === 'string') {
    const problem = unstorableText(node);
    if (problem) errors.push({ path: path || '(root)', message: `the text ${problem}` });
    return;
  }
  if (depth >= MAX_LOGIC_DEPTH && node !== null && typeof node === 'object') {
    errors.push({ path: path || '(root)', message: `nests deeper than ${MAX_LOGIC_DEPTH} levels` });
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      walk(item, `${path}[${i}]`, errors, depth + 1);
    });
    return;
  }
  if (!isOperatorNode(node)) return;
  const op = operatorOf(node);
  const spec = operatorSpec(op);
  const here = path ? `${path}.${op}` : op;
  if (!spec) {
    errors.push({ path: here, message: `Unknown operator "${op}"${suggestion(op)}` });
    return;
  }
  const args = argumentsOf(node, op);
  const [min, max] = spec.arity;
  if (args.length < min || args.length > max) {
    errors.push({ path: here, message: `"${op}" takes ${arityText(min, max)}, got ${args.length}` });
  }
  if (spec.unit && args.length > spec.unit.index) {
    const unit = args[spec.unit.index];
    if (typeof unit !== 'string' || !spec.unit.allowed.includes(unit)) {
      errors.push({
        path: argumentPath(path, op, spec.unit.index),
        message: `"${op}" unit must be one of ${spec.unit.allowed.join(', ')}; got ${JSON.stringify(unit)}`,
      });
    }
  }
  if (op === 'var' && args.length > 0) checkVarPath(args[0], argumentPath(path, op, 0), errors);
  args.forEach((arg, i) => {
    if (spec.unit?.index === i) return;
    walk(arg, argumentPath(path, op, i), errors, depth + 1);
  });
}

function checkVarPath(arg: unknown, path: string, errors: LogicIssue[]): void {
  const okLiteral = typeof arg === 'string' || typeof arg === 'number' || arg === null;
  if (!okLiteral && !isOperatorNode(arg)) {
    errors.push({ path, message: '"var" path must be a string, a number or an expression' });
  }
}

function arityText(min: number, max: number): string {
  const plural = (n: number) => (n === 1 ? 'argument' : 'arguments');
  if (min === max) return `${min} ${plural(min)}`;
  if (max === Number.POSITIVE_INFINITY) return `at least ${min} ${plural(min)}`;
  return `${min} to ${max} arguments`;
}

function suggestion(op: string): string {
  const lower = op.toLowerCase();
  const close = Object.keys(OPERATORS).find((name) => name === lower || name.replace(/_/g, '') === lower);
  return close && close !== op ? ` (did you mean "${close}"?)` : '';
}
