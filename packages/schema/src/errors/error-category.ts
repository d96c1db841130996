/**
 * Whose fault an error is and what the caller can do about it. The category — never the throw
 * site — decides the HTTP status and whether the server logs it: a caller's mistake is answered
 * and forgotten; an outage is logged as a warning; a bug is logged with its stack.
 */
export type ErrorCategory =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export type ErrorLogLevel = 'none' | 'warn' | 'error';

export interface CategoryRule {
  readonly status: number;
  readonly log: ErrorLogLevel;
}

export const ERROR_CATEGORIES: Readonly<Record<ErrorCategory, CategoryRule>> = {
  invalid: { status: 400, log: 'none' },
  unauthenticated: { status: 401, log: 'none' },
  forbidden: { status: 403, log: 'none' },
  not_found: { status: 404, log: 'none' },
  conflict: { status: 409, log: 'none' },
  too_large: { status: 413, log: 'none' },
  unsupported_media_type: { status: 415, log: 'none' },
  rate_limited: { status: 429, log: 'none' },
  unavailable: { status: 503, log: 'warn' },
  internal: { status: 500, log: 'error' },
};
