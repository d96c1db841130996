import { describe, expect, it } from 'vitest';
import { ReportError } from '../../model/report.error';
import { replicaError } from '../replica-error';

/** A report query the database refused with SQLSTATE `code`, as the runner wraps it. */
const failed = (code: string) =>
  new ReportError('REPORT_QUERY_FAILED', 'the report query failed', [], {
    cause: Object.assign(new Error('x'), { code }),
  });

describe('replicaError', () => {
  it.each([
    ['a table not yet replayed (42P01)', '42P01', 'REPORTS_REPLICA_BEHIND'],
    ['a column not yet replayed (42703)', '42703', 'REPORTS_REPLICA_BEHIND'],
    ['a recovery conflict (40001)', '40001', 'REPORTS_REPLICA_CONFLICT'],
    ['a deadlock with recovery (40P01)', '40P01', 'REPORTS_REPLICA_CONFLICT'],
  ])('reads %s as the replica, worth a retry', (_, code, expected) => {
    const error = replicaError(failed(code));
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).code).toBe(expected);
    expect((error as ReportError).category).toBe('unavailable');
  });

  it('leaves other failures as they are', () => {
    const syntax = failed('42601');
    expect(replicaError(syntax)).toBe(syntax);
    const timeout = new ReportError('QUERY_TIMEOUT', 'too slow');
    expect(replicaError(timeout)).toBe(timeout);
    const plain = new Error('not a report error');
    expect(replicaError(plain)).toBe(plain);
  });
});
