/**
 * Errors a client can act on, rendered as application/problem+json with a stable `code`.
 * Anything else that escapes a route is a bug or an outage: logged, answered as a bare 500.
 */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export type ApiErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'CSRF_FAILED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'STALE_VERSION'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'FILE_TOO_LARGE'
  | 'FILE_TYPE_NOT_ALLOWED'
  | 'FILE_TYPE_MISMATCH'
  | 'RECORD_IN_USE'
  | 'QUERY_TIMEOUT'
  | 'REPORT_TOO_COMPLEX'
  | 'REPORTS_UNAVAILABLE'
  | 'DEPARTMENT_CYCLE'
  | 'DEPARTMENT_NOT_EMPTY'
  | 'LAST_ADMIN'
  | 'INTERNAL';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static validation(errors: readonly FieldError[], message = 'The request is invalid.'): ApiError {
    return new ApiError(400, 'VALIDATION_FAILED', message, errors);
  }
  static unauthenticated(message = 'Log in first.'): ApiError {
    return new ApiError(401, 'UNAUTHENTICATED', message);
  }
  static forbidden(message = 'You do not have permission to do this.'): ApiError {
    return new ApiError(403, 'FORBIDDEN', message);
  }
  static notFound(message = 'Not found.'): ApiError {
    return new ApiError(404, 'NOT_FOUND', message);
  }
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly detail?: string;
  readonly errors: readonly FieldError[];
}

export function toProblem(error: ApiError): Problem {
  return {
    type: `https://tessera.dev/problems/${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: error.message,
    status: error.status,
    code: error.code,
    errors: error.errors,
  };
}
