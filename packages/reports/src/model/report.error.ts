/** Stable error codes of the report engine. */
export type ReportErrorCode =
  | 'invalid_query'
  | 'too_complex'
  | 'statement_timeout'
  | 'query_failed'
  | 'database_unavailable'
  | 'replica_behind'
  | 'replica_conflict'
  | 'report_not_found'
  | 'dashboard_not_found'
  | 'invalid_dashboard';

/** Whose fault: the user's input (4xx) or the system's (5xx). */
export type ReportErrorCategory = 'user' | 'operational';

export interface ReportIssue {
  readonly path: string;
  readonly message: string;
}

/** The base of every error the report engine throws on purpose. */
export class ReportError extends Error {
  constructor(
    readonly code: ReportErrorCode,
    message: string,
    readonly category: ReportErrorCategory = 'user',
    readonly errors: readonly ReportIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ReportError';
  }
}
