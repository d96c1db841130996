import { ERROR_CATALOGUE, type ErrorCode, isErrorCode } from './error-catalogue.js';
import { ERROR_CATEGORIES, type ErrorCategory } from './error-category.js';
import type { FieldErrorParams } from './field-error-code.js';

/**
 * A problem with one value, by path (`name`, `items[3].qty`, `body/password`). Record validation
 * also gives a stable `code` with its `params` (field-error-code.ts), which clients translate;
 * `message` is the English text.
 */
export interface FieldError {
  readonly path: string;
  readonly message: string;
  readonly code?: string;
  readonly params?: FieldErrorParams;
}

export interface TesseraErrorOptions {
  /** Field errors by path, each shown next to its input. */
  readonly errors?: readonly FieldError[] | undefined;
  /** Structured facts a client can act on (the failing item of a bulk request, a retry delay). */
  readonly details?: Readonly<Record<string, unknown>> | undefined;
  readonly cause?: unknown;
}

/**
 * The base of every error Tessera throws on purpose. `code` is one of the catalogue; its
 * category decides the HTTP status and the logging; `message` is this occurrence's detail (in
 * English, for the log and the problem's `detail`), the catalogue holds the translated message.
 */
export class TesseraError<C extends ErrorCode = ErrorCode> extends Error {
  readonly category: ErrorCategory;
  readonly errors: readonly FieldError[];
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    readonly code: C,
    message: string,
    options: TesseraErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TesseraError';
    // a code cast past the compiler is a bug: it is answered and logged as one
    this.category = isErrorCode(code) ? ERROR_CATALOGUE[code].category : 'internal';
    this.errors = options.errors ?? [];
    this.details = options.details;
  }

  get status(): number {
    return ERROR_CATEGORIES[this.category].status;
  }
}
