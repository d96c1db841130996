import { operatorSpec } from './operator.registry';

/** An operator node: a plain object with exactly one key (json-logic-js's `is_logic`). */
export function isOperatorNode(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  let keys = 0;
  for (const _ in value) {
    keys++;
    if (keys > 1) return false;
  }
  return keys === 1;
}

export function operatorOf(node: Record<string, unknown>): string {
  for (const key in node) return key;
  return '';
}

/**
 * The argument list of an operator node. Like json-logic-js, a single non-array argument is
 * sugar for a one-element list (`{"var": "x"}`); for zero-argument operators (`today`, `now`)
 * `null` is accepted as "no arguments".
 */
export function argumentsOf(node: Record<string, unknown>, op: string): readonly unknown[] {
  const raw = node[op];
  if (Array.isArray(raw)) return raw;
  const spec = operatorSpec(op);
  if (spec && spec.arity[1] === 0 && (raw === null || raw === undefined)) return [];
  return [raw];
}

/** `and[1].>[0]` — the path of argument `index` of operator `op` under `parent`. */
export function argumentPath(parent: string, op: string, index: number): string {
  return `${parent ? `${parent}.` : ''}${op}[${index}]`;
}
