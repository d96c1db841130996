import { isDecimal } from '../decimal/exact-decimal';
import type { EvalContext } from '../logic.types';

/** A compiled node: a closure over its compiled children. */
export type Fn = (data: any, ctx: EvalContext | undefined) => unknown;
/** Compiles a child expression (recursion entry handed to every operator builder). */
export type CompileChild = (node: unknown) => Fn;
/** How an expression is compiled (see `compile`). */
export interface CompileOptions {
  /**
   * A number compared with an empty value (`total > 100000` while total is null) throws
   * `LogicEmptyNumberError` instead of being false — for flow gateways and rule conditions,
   * where a silent false would take a branch nobody chose. Default false (SQL-like).
   */
  readonly strictNumbers?: boolean;
}

/** Builds the closure of one operator from its raw arguments. */
export type OperatorBuilder = (
  args: readonly unknown[],
  compileChild: CompileChild,
  options: CompileOptions,
) => Fn;

const constants = new WeakMap<Fn, { value: unknown }>();

/** A closure returning a literal, remembered as constant so builders can specialise on it. */
export function constantFn(value: unknown): Fn {
  const fn: Fn = () => value;
  constants.set(fn, { value });
  return fn;
}

export function constantOf(fn: Fn): { value: unknown } | undefined {
  return constants.get(fn);
}

/** JSON-Logic truthiness: like JavaScript, except that an empty array is falsy. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isDecimal(value)) return !value.isZero();
  return !!value;
}

export function isNil(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}
