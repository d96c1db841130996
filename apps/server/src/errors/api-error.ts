import {
  ERROR_CATALOGUE,
  type ErrorCode,
  type FieldError,
  isErrorCode,
  type LabelLanguage,
  TesseraError,
} from '@tessera/schema';

export type { FieldError };
export type ApiErrorCode = ErrorCode;

/**
 * An error the HTTP layer raises itself (a refused input, a missing session, a permission). The
 * engines throw their own TesseraError subclasses; all of them become the same problem+json.
 */
export class ApiError extends TesseraError {
  constructor(
    code: ErrorCode,
    message: string,
    errors: readonly FieldError[] = [],
    details?: Readonly<Record<string, unknown>>,
  ) {
    super(code, message, { errors, details });
    this.name = 'ApiError';
  }

  static validation(errors: readonly FieldError[], message = 'The request is invalid.'): ApiError {
    return new ApiError('VALIDATION_FAILED', message, errors);
  }
  static unauthenticated(message = 'Log in first.'): ApiError {
    return new ApiError('UNAUTHENTICATED', message);
  }
  static forbidden(message = 'You do not have permission to do this.'): ApiError {
    return new ApiError('FORBIDDEN', message);
  }
  static notFound(message = 'Not found.'): ApiError {
    return new ApiError('NOT_FOUND', message);
  }
}

/** The one response shape of every error: RFC 9457 problem details plus the stable `code`. */
export interface Problem {
  readonly type: string;
  /** The code's message from the catalogue, in the request's language. */
  readonly title: string;
  readonly status: number;
  readonly code: ErrorCode;
  /** What happened this time (English). */
  readonly detail?: string;
  readonly errors: readonly FieldError[];
  readonly details?: Readonly<Record<string, unknown>>;
}

const INTERNAL_DETAIL = 'Something went wrong on our side; it has been logged.';

/**
 * An error as the client sees it. An `internal` code (or one cast past the compiler that is not
 * in the catalogue) is answered as a bare INTERNAL: its message may hold SQL or paths.
 */
export function toProblem(error: TesseraError, language: LabelLanguage = 'en'): Problem {
  const internal = error.category === 'internal' || !isErrorCode(error.code);
  const code: ErrorCode = internal ? 'INTERNAL' : error.code;
  return {
    type: `https://tessera.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: ERROR_CATALOGUE[code].message[language],
    status: internal ? 500 : error.status,
    code,
    detail: internal ? INTERNAL_DETAIL : error.message,
    errors: internal ? [] : error.errors,
    ...(!internal && error.details ? { details: error.details } : {}),
  };
}

/** The language of a problem's title: Simplified Chinese when the client prefers Chinese. */
export function problemLanguage(acceptLanguage: string | undefined): LabelLanguage {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh-CN' : 'en';
}
