import { TesseraError } from '@tessera/schema';

/** The catalogue codes of the sheets package's refusals. */
export type SheetsErrorCode = 'FORM_NOT_PUBLISHED' | 'SHEET_UNREADABLE' | 'SHEET_OPTIONS_INVALID';

/** A refusal the user can act on. */
export class SheetsError extends TesseraError<SheetsErrorCode> {
  constructor(code: SheetsErrorCode, message: string) {
    super(code, message);
    this.name = 'SheetsError';
  }
}
