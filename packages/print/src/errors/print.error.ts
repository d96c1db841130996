import { type FieldError, TesseraError } from '@tessera/schema';

/** The catalogue codes the print engine throws; all are the caller's (4xx). */
export type PrintErrorCode = 'PRINT_TEMPLATE_NOT_FOUND' | 'RECORD_NOT_FOUND' | 'PRINT_TOO_MANY_RECORDS';

export type PrintIssue = FieldError;

/** The base of every error the print engine throws on purpose. */
export class PrintError extends TesseraError<PrintErrorCode> {
  constructor(code: PrintErrorCode, message: string, errors: readonly PrintIssue[] = []) {
    super(code, message, { errors });
    this.name = 'PrintError';
  }
}
