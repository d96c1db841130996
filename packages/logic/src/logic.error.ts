import type { LogicIssue } from './logic.types';

/** Stable error codes of the logic package. */
export type LogicErrorCode = 'LOGIC_INVALID_EXPRESSION' | 'LOGIC_CONTEXT_REQUIRED' | 'LOGIC_EMPTY_NUMBER';

/** Thrown by `compile` when the expression does not validate (a user fault: HTTP 400). */
export class LogicValidationError extends Error {
  readonly code: LogicErrorCode = 'LOGIC_INVALID_EXPRESSION';
  readonly category = 'user' as const;
  constructor(readonly errors: readonly LogicIssue[]) {
    super(`Invalid logic expression: ${errors.map((e) => `${e.path || '(root)'}: ${e.message}`).join('; ')}`);
    this.name = 'LogicValidationError';
  }
}

/** Thrown at evaluation when `today`/`now` is used without an evaluation context (a caller bug). */
export class LogicContextError extends Error {
  readonly code: LogicErrorCode = 'LOGIC_CONTEXT_REQUIRED';
  readonly category = 'unexpected' as const;
  constructor(operator: string) {
    super(`Operator "${operator}" needs an evaluation context { now, timeZone }`);
    this.name = 'LogicContextError';
  }
}

/**
 * Thrown at evaluation, under `strictNumbers`, when a number is compared with an empty value: a
 * flow gateway or rule condition on `total > 100000` while the total is null cannot be decided,
 * and taking the "no" branch silently would skip an approval (a data fault the designer sees).
 */
export class LogicEmptyNumberError extends Error {
  readonly code: LogicErrorCode = 'LOGIC_EMPTY_NUMBER';
  readonly category = 'user' as const;
  constructor(
    readonly operand: string,
    readonly comparison: string,
  ) {
    super(`${operand} is empty, so ${comparison} cannot be decided`);
    this.name = 'LogicEmptyNumberError';
  }
}
