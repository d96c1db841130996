import { type FieldError, TesseraError } from '@tessera/schema';

/** The catalogue codes the report engine throws (the catalogue's category decides status and logging). */
export type ReportErrorCode =
  | 'INVALID_QUERY'
  | 'REPORT_TOO_COMPLEX'
  | 'REPORT_FAN_OUT'
  | 'QUERY_TIMEOUT'
  | 'REPORT_QUERY_FAILED'
  | 'REPORTS_UNREACHABLE'
  | 'REPORTS_REPLICA_BEHIND'
  | 'REPORTS_REPLICA_CONFLICT'
  | 'REPORT_NOT_FOUND'
  | 'DASHBOARD_NOT_FOUND';

export type ReportIssue = FieldError;

/** The base of every error the report engine throws on purpose. */
export class ReportError extends TesseraError<ReportErrorCode> {
  constructor(
    code: ReportErrorCode,
    message: string,
    errors: readonly ReportIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(code, message, { errors, cause: options?.cause });
    this.name = 'ReportError';
  }
}
