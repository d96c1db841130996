import { TesseraError } from '@tessera/schema';

/** The catalogue codes the rule engine throws (the catalogue's category decides logging and status). */
export type RulesErrorCode =
  | 'RULE_NOT_FOUND'
  | 'RULE_INVALID'
  | 'RULE_VERSION_NOT_FOUND'
  | 'RECIPIENT_UNSUPPORTED'
  | 'RULE_ACTION_FAILED';

/** A failure of the rule engine with a stable `code`. */
export class RulesError extends TesseraError<RulesErrorCode> {
  constructor(code: RulesErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'RulesError';
  }
}
