import { ReportError } from '../model/report.error';

/** undefined_table, undefined_column: what a replica says before it has replayed a form's DDL. */
const SCHEMA_LAG_CODES = new Set(['42P01', '42703']);
/**
 * serialization_failure, deadlock_detected: on a hot standby, a query cancelled because it
 * conflicted with changes being replayed (a read-only report never gets these on the primary).
 */
const RECOVERY_CONFLICT_CODES = new Set(['40001', '40P01']);

/**
 * On a replica, a table or column the catalog (read on the primary) has but the replica does not
 * yet is replication lag after a form was published, not a broken query; a query cancelled by a
 * recovery conflict is the replica being busy — both are worth a retry, not a 500.
 */
export function replicaError(error: unknown): unknown {
  if (!(error instanceof ReportError) || error.code !== 'REPORT_QUERY_FAILED') return error;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return error;
  if (SCHEMA_LAG_CODES.has(code)) {
    return new ReportError(
      'REPORTS_REPLICA_BEHIND',
      'the read replica has not yet replayed a recent form change',
      [],
      { cause: error.cause },
    );
  }
  if (RECOVERY_CONFLICT_CODES.has(code)) {
    return new ReportError(
      'REPORTS_REPLICA_CONFLICT',
      'the read replica cancelled the report query while replaying changes from the primary',
      [],
      { cause: error.cause },
    );
  }
  return error;
}
