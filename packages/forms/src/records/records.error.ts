/** A problem with one value of a record, by path (`name`, `items[3].qty`). */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/** Stable error codes of the records engine. */
export type RecordsErrorCode =
  | 'RECORD_INVALID'
  | 'RECORD_NOT_FOUND'
  | 'STALE_VERSION'
  | 'FORM_NOT_PUBLISHED'
  | 'INVALID_QUERY'
  /** A purge of a record other records still link to: 409. */
  | 'RECORD_IN_USE'
  /** The caller's access forbids it (an action, a hidden or read-only field, a row out of scope): 403. */
  | 'ACCESS_DENIED';

/**
 * The errors a caller can act on. `category: 'user'` always (the server maps them to 400/404/409);
 * `errors` lists field errors by path, `index` the item of a bulk request that failed.
 */
export class RecordsError extends Error {
  readonly category = 'user' as const;
  constructor(
    readonly code: RecordsErrorCode,
    message: string,
    readonly errors: readonly FieldError[] = [],
    readonly index?: number,
  ) {
    super(message);
    this.name = 'RecordsError';
  }

  static invalid(errors: readonly FieldError[], index?: number): RecordsError {
    const where = index === undefined ? '' : ` (item ${index})`;
    return new RecordsError('RECORD_INVALID', `The record is invalid${where}.`, errors, index);
  }

  static denied(message: string, errors: readonly FieldError[] = []): RecordsError {
    return new RecordsError('ACCESS_DENIED', message, errors);
  }

  /** The same error, attributed to item `index` of a bulk request (paths prefixed `[index].`). */
  atIndex(index: number): RecordsError {
    const errors = this.errors.map((e) => ({ path: `[${index}].${e.path}`, message: e.message }));
    const message = this.message.replace(/\.$/, '') + ` (item ${index}).`;
    return new RecordsError(this.code, message, errors, index);
  }
}
