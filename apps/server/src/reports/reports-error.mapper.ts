import { ReportError } from '@tessera/reports';
import { ApiError } from '../errors/api-error';
import { assertNever, engineCallWith } from '../errors/engine-call';

/**
 * The report engine's typed errors as HTTP problems: an invalid query, chart, filter value or
 * dashboard → 400 with every error and its path; one past a report limit (joins, filter depth,
 * estimated cost) → 400 REPORT_TOO_COMPLEX naming the limit; unknown app/report/dashboard → 404; a report
 * past its statement timeout → 503 QUERY_TIMEOUT; the database reports run on (the read replica
 * of REPORTS_DATABASE_URL, else the primary) unreachable, or the replica not yet past a form
 * change, or a query the replica cancelled in a recovery conflict → 503 REPORTS_UNAVAILABLE. Anything else is rethrown (500, logged).
 */
export function toApiError(error: unknown): unknown {
  if (!(error instanceof ReportError)) return error;
  switch (error.code) {
    case 'invalid_query':
    case 'invalid_dashboard':
      return ApiError.validation(error.errors, error.message);
    case 'too_complex':
      return new ApiError(400, 'REPORT_TOO_COMPLEX', error.message, error.errors);
    case 'report_not_found':
    case 'dashboard_not_found':
      return ApiError.notFound(error.message);
    case 'statement_timeout':
      return new ApiError(503, 'QUERY_TIMEOUT', error.message);
    case 'database_unavailable':
      return new ApiError(
        503,
        'REPORTS_UNAVAILABLE',
        'Reports are unavailable: their database cannot be reached. Records and everything else still work; try again shortly.',
      );
    case 'replica_behind':
      return new ApiError(
        503,
        'REPORTS_UNAVAILABLE',
        'Reports are catching up with a recent form change; try again in a moment.',
      );
    case 'replica_conflict':
      return new ApiError(
        503,
        'REPORTS_UNAVAILABLE',
        'The report was cancelled by the read replica while it applied recent changes; try again.',
      );
    case 'query_failed':
      return error;
    default:
      return assertNever(error.code);
  }
}

/** Runs a route body, translating the engine's errors. */
export const reportCall = engineCallWith(toApiError);
