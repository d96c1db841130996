import type { JsonLogic } from '@tessera/schema';

/** A JSON-Logic expression: an operator object, an array of expressions, or a JSON literal. */
export type LogicExpression = JsonLogic | readonly unknown[] | string | number | boolean | null;

/**
 * Where "now" comes from. Never read from the system clock inside the engine, so a test (or a
 * rule sweep replaying a past instant) can move the clock. `timeZone` is an IANA zone name;
 * `today` is the calendar date of `now` in that zone.
 */
export interface EvalContext {
  readonly now: Date;
  readonly timeZone: string;
}

/** One problem found in an expression; `path` points into the expression (`and[1].>[0]`). */
export interface LogicIssue {
  readonly path: string;
  readonly message: string;
}

export type ValidationResult = { readonly ok: true; readonly errors: readonly [] } | InvalidResult;
export interface InvalidResult {
  readonly ok: false;
  readonly errors: readonly LogicIssue[];
}

/** A compiled expression: built once, evaluated many times. */
export type CompiledLogic = (data: unknown, ctx?: EvalContext) => unknown;
