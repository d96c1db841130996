import { TesseraError } from '@tessera/schema';
import type { LogicIssue } from './logic.types';

/** The catalogue codes of the logic package. */
export type LogicErrorCode = 'LOGIC_INVALID_EXPRESSION' | 'LOGIC_CONTEXT_REQUIRED' | 'LOGIC_EMPTY_NUMBER';

/** Thrown by `compile` when the expression does not validate (a user fault: HTTP 400). */
export class LogicValidationError extends TesseraError<'LOGIC_INVALID_EXPRESSION'> {
  constructor(errors: readonly LogicIssue[]) {
    super(
      'LOGIC_INVALID_EXPRESSION',
      `Invalid logic expression: ${errors.map((e) => `${e.path || '(root)'}: ${e.message}`).join('; ')}`,
      { errors: errors.map((e) => ({ path: e.path || '(expression)', message: e.message })) },
    );
    this.name = 'LogicValidationError';
  }
}

/** Thrown at evaluation when `today`/`now` is used without an evaluation context (a caller bug). */
export class LogicContextError extends TesseraError<'LOGIC_CONTEXT_REQUIRED'> {
  constructor(operator: string) {
    super('LOGIC_CONTEXT_REQUIRED', `Operator "${operator}" needs an evaluation context { now, timeZone }`);
    this.name = 'LogicContextError';
  }
}

/**
 * Thrown at evaluation, under `strictNumbers`, when a number is compared with an empty value: a
 * flow gateway or rule condition on `total > 100000` while the total is null cannot be decided,
 * and taking the "no" branch silently would skip an approval (a data fault the designer sees).
 */
export class LogicEmptyNumberError extends TesseraError<'LOGIC_EMPTY_NUMBER'> {
  constructor(
    readonly operand: string,
    readonly comparison: string,
  ) {
    super('LOGIC_EMPTY_NUMBER', `${operand} is empty, so ${comparison} cannot be decided`);
    this.name = 'LogicEmptyNumberError';
  }
}
