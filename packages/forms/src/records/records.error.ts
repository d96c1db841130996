import { type FieldError, TesseraError } from '@tessera/schema';

export type { FieldError };

/** The catalogue codes the records engine throws. */
export type RecordsErrorCode =
  | 'RECORD_INVALID'
  | 'RECORD_NOT_FOUND'
  | 'STALE_VERSION'
  | 'FORM_NOT_PUBLISHED'
  | 'INVALID_QUERY'
  /** A purge of a record other records still link to: 409. */
  | 'RECORD_IN_USE'
  /** The caller's access forbids it (an action, a hidden or read-only field, a row out of scope): 403. */
  | 'FORBIDDEN';

/**
 * The errors a caller can act on: `errors` lists field errors by path, `index` the item of a bulk
 * request that failed (also in `details`, so the problem carries it).
 */
export class RecordsError extends TesseraError<RecordsErrorCode> {
  constructor(
    code: RecordsErrorCode,
    message: string,
    errors: readonly FieldError[] = [],
    readonly index?: number,
  ) {
    super(code, message, { errors, details: index === undefined ? undefined : { index } });
    this.name = 'RecordsError';
  }

  static invalid(errors: readonly FieldError[], index?: number): RecordsError {
    const where = index === undefined ? '' : ` (item ${index})`;
    return new RecordsError('RECORD_INVALID', `The record is invalid${where}.`, errors, index);
  }

  static denied(message: string, errors: readonly FieldError[] = []): RecordsError {
    return new RecordsError('FORBIDDEN', message, errors);
  }

  /** The same error, attributed to item `index` of a bulk request (paths prefixed `[index].`). */
  atIndex(index: number): RecordsError {
    const errors = this.errors.map((e) => ({ ...e, path: `[${index}].${e.path}` }));
    const message = this.message.replace(/\.$/, '') + ` (item ${index}).`;
    return new RecordsError(this.code, message, errors, index);
  }
}
