import type { QueryMeasure } from '@tessera/schema';
import { sql } from 'kysely';
import type { ReportIssue } from '../model/report.error';
import type { ReportClock } from '../model/report-context';
import { isTemporal } from '../model/value-type';
import { isResolved, type ResolvedField, type RowScope } from './row-scope';
import type { Sql } from './sql-parts';

type DurationMeasure = Extract<QueryMeasure, { agg: 'duration' }>;

const SECONDS: Record<DurationMeasure['unit'], number> = { minutes: 60, hours: 3600, days: 86_400 };
const PER_DAY: Record<DurationMeasure['unit'], number> = { minutes: 1440, hours: 24, days: 1 };

/**
 * The time from `from` to `to` of one row, in the measure's unit, as float8 (null when either
 * is null). Two dates subtract as whole days; a date facing a datetime is midnight in the
 * clock's time zone.
 */
export function durationInput(
  m: DurationMeasure,
  scope: RowScope,
  clock: ReportClock,
  path: string,
  errors: ReportIssue[],
): Sql | null {
  const from = temporal(scope, m.from, `${path}/from`, errors);
  const to = temporal(scope, m.to, `${path}/to`, errors);
  if (!from || !to) return null;
  if (from.type === 'date' && to.type === 'date') {
    return sql`((${to.sql} - ${from.sql})::float8 * ${sql.val(PER_DAY[m.unit])}::float8)`;
  }
  const instant = (f: ResolvedField) =>
    f.type === 'date' ? sql`(${f.sql}::timestamp at time zone ${sql.val(clock.timeZone)}::text)` : f.sql;
  return sql`(extract(epoch from (${instant(to)} - ${instant(from)}))::float8 / ${sql.val(SECONDS[m.unit])}::float8)`;
}

function temporal(scope: RowScope, path: string, at: string, errors: ReportIssue[]): ResolvedField | null {
  const field = scope.resolve(path);
  if (!isResolved(field)) {
    errors.push({ path: at, message: field.error });
    return null;
  }
  if (!isTemporal(field.type)) {
    errors.push({ path: at, message: `"${path}" is not a date or datetime` });
    return null;
  }
  return field;
}
