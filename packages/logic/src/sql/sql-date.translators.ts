import { sql } from 'kysely';
import { todayIn } from '../eval/zoned-clock';
import type { DateAddUnit, TruncUnit } from '../validate/operator.registry';
import { expectTemporal, expectType, type Sql } from './sql-coerce';
import type { SqlTranslator } from './sql-comparison.translators';
import { assertNever, type Operand, type SqlScope } from './sql-operand';

/**
 * Date operators in SQL, step for step like eval/date-math: dates are calendar values
 * (`d::timestamp`); datetimes use the wall clock of the context's zone for calendar units
 * (`x AT TIME ZONE $tz`, the zone a bound parameter) and the instant for hours, minutes and
 * elapsed days — so the session time zone never changes a result.
 */
type Temporal = { sql: Sql; type: 'date' | 'datetime' };

/** The zone parameter, or an error when a datetime result needs one and there is no context. */
function zone(scope: SqlScope, path: string, op: string): Sql | null {
  if (!requireCtx(scope, path, op)) return null;
  return sql`${sql.val(scope.ctx!.timeZone)}::text`;
}

/** Wall clock (timestamp without time zone): a date is its own midnight. */
const wall = (t: Temporal, tz: Sql | null): Sql =>
  t.type === 'date' ? sql`(${t.sql})::timestamp` : sql`(${t.sql} at time zone ${tz})`;
/** Instant (timestamptz): a date is its midnight in the zone. */
const instant = (t: Temporal, tz: Sql | null): Sql =>
  t.type === 'date' ? sql`((${t.sql})::timestamp at time zone ${tz})` : sql`${t.sql}`;
const fromWall = (x: Sql, tz: Sql | null): Sql => sql`((${x}) at time zone ${tz})`;

function interval(unit: DateAddUnit, n: Sql): Sql {
  switch (unit) {
    case 'day':
      return sql`make_interval(days => ${n})`;
    case 'week':
      return sql`make_interval(weeks => ${n})`;
    case 'month':
      return sql`make_interval(months => ${n})`;
    case 'quarter':
      return sql`make_interval(months => 3 * ${n})`;
    case 'year':
      return sql`make_interval(years => ${n})`;
    case 'hour':
      return sql`make_interval(hours => ${n})`;
    case 'minute':
      return sql`make_interval(mins => ${n})`;
    default:
      return assertNever(unit);
  }
}

function requireCtx(scope: SqlScope, path: string, op: string): boolean {
  if (scope.ctx) return true;
  scope.fail(path, `"${op}" needs an evaluation context { now, timeZone }`);
  return false;
}

/** An integer count: a literal is truncated and bound; an expression is `trunc(x)::int`. */
function count(scope: SqlScope, node: unknown, path: string): Sql | null {
  if (typeof node === 'number') return Number.isFinite(node) ? sql`${sql.val(Math.trunc(node))}::int` : null;
  const x = expectType(scope, scope.operand(node, path), 'number', path);
  return x ? sql`trunc(${x})::int` : null;
}

/** Whole months from b to a (a − b), truncated toward zero — the in-memory rule, step for step. */
function monthsBetween(a: Sql, b: Sql): Sql {
  const m0 = sql`((extract(year from __lx.a) - extract(year from __lx.b)) * 12 + extract(month from __lx.a) - extract(month from __lx.b))::int`;
  const shifted = sql`(__ly.b + make_interval(months => __ly.m))`;
  return sql`(select case when __ly.a >= __ly.b then __ly.m - (${shifted} > __ly.a)::int else __ly.m + (${shifted} < __ly.a)::int end from (select __lx.a, __lx.b, ${m0} as m from (select ${a} as a, ${b} as b) __lx) __ly)`;
}

function epochUnits(a: Sql, b: Sql, seconds: number): Sql {
  return sql`trunc(extract(epoch from (${a} - ${b})) / ${sql.val(seconds)}::int)`;
}

const dateAdd: SqlTranslator = (args, paths, scope) => {
  const t = expectTemporal(scope, scope.operand(args[0], paths[0]!), paths[0]!);
  const n = count(scope, args[1], paths[1]!);
  const unit = args[2] as DateAddUnit;
  if (!t || !n) return { kind: 'failed' };
  const calendar = unit !== 'hour' && unit !== 'minute';
  if (calendar && t.type === 'date') {
    return { kind: 'sql', sql: sql`((${wall(t, null)} + ${interval(unit, n)}))::date`, type: 'date' };
  }
  const tz = zone(scope, paths[0]!, 'date_add');
  if (!tz) return { kind: 'failed' };
  const added = calendar
    ? fromWall(sql`${wall(t, tz)} + ${interval(unit, n)}`, tz)
    : sql`(${instant(t, tz)} + ${interval(unit, n)})`;
  return { kind: 'sql', sql: added, type: 'datetime' };
};

const dateDiff: SqlTranslator = (args, paths, scope) => {
  const a = expectTemporal(scope, scope.operand(args[0], paths[0]!), paths[0]!);
  const b = expectTemporal(scope, scope.operand(args[1], paths[1]!), paths[1]!);
  const unit = args[2] as DateAddUnit;
  if (!a || !b) return { kind: 'failed' };
  const bothDates = a.type === 'date' && b.type === 'date';
  const tz = bothDates ? null : zone(scope, paths[0]!, 'date_diff');
  if (!bothDates && !tz) return { kind: 'failed' };
  // Calendar days between two dates; elapsed time as soon as a datetime is involved.
  const [x, y] = bothDates ? [wall(a, tz), wall(b, tz)] : [instant(a, tz), instant(b, tz)];
  const months = () => monthsBetween(wall(a, tz), wall(b, tz));
  const out = (s: Sql): Operand => ({ kind: 'sql', sql: s, type: 'number' });
  switch (unit) {
    case 'day':
      return out(epochUnits(x, y, 86_400));
    case 'week':
      return out(epochUnits(x, y, 604_800));
    case 'hour':
      return out(epochUnits(x, y, 3_600));
    case 'minute':
      return out(epochUnits(x, y, 60));
    case 'month':
      return out(months());
    case 'quarter':
      return out(sql`(${months()} / 3)`);
    case 'year':
      return out(sql`(${months()} / 12)`);
    default:
      return assertNever(unit);
  }
};

function truncation(end: boolean): SqlTranslator {
  const op = end ? 'end_of' : 'start_of';
  return (args, paths, scope) => {
    const t = expectTemporal(scope, scope.operand(args[0], paths[0]!), paths[0]!);
    const unit = args[1] as TruncUnit;
    if (!t) return { kind: 'failed' };
    const tz = t.type === 'date' ? null : zone(scope, paths[0]!, op);
    if (t.type === 'datetime' && !tz) return { kind: 'failed' };
    const start = sql`date_trunc(${sql.val(unit)}, ${wall(t, tz)})`;
    const last = t.type === 'date' ? sql`interval '1 day'` : sql`interval '1 millisecond'`;
    const x = end ? sql`(${start} + ${interval(unit, sql`1`)} - ${last})` : start;
    return t.type === 'date'
      ? { kind: 'sql', sql: sql`(${x})::date`, type: 'date' }
      : { kind: 'sql', sql: fromWall(x, tz), type: 'datetime' };
  };
}

export const DATE_TRANSLATORS: Readonly<Record<string, SqlTranslator>> = {
  today: (_args, paths, scope) => {
    if (!requireCtx(scope, paths[0] ?? 'today', 'today')) return { kind: 'failed' };
    return { kind: 'sql', sql: sql`${sql.val(todayIn(scope.ctx))}::date`, type: 'date' };
  },
  now: (_args, paths, scope) => {
    if (!requireCtx(scope, paths[0] ?? 'now', 'now')) return { kind: 'failed' };
    return { kind: 'sql', sql: sql`${sql.val(scope.ctx!.now.toISOString())}::timestamptz`, type: 'datetime' };
  },
  date_add: dateAdd,
  date_diff: dateDiff,
  start_of: truncation(false),
  end_of: truncation(true),
  days_since: (args, paths, scope) => {
    const t = expectTemporal(scope, scope.operand(args[0], paths[0]!), paths[0]!);
    if (!t || !requireCtx(scope, paths[0]!, 'days_since')) return { kind: 'failed' };
    const ref: Temporal =
      t.type === 'date'
        ? { sql: sql`${sql.val(todayIn(scope.ctx))}::date`, type: 'date' }
        : { sql: sql`${sql.val(scope.ctx!.now.toISOString())}::timestamptz`, type: 'datetime' };
    const [x, y] =
      t.type === 'date' ? [wall(ref, null), wall(t, null)] : [instant(ref, null), instant(t, null)];
    return { kind: 'sql', sql: epochUnits(x, y, 86_400), type: 'number' };
  },
};
