import { type RawBuilder, sql } from 'kysely';
import { ident } from '../tables/identifier';
import {
  type CalendarDate,
  calendarDate,
  formatAutoNumber,
  periodKey,
  type ResetEvery,
  resetPeriod,
} from './auto-number.pattern';
import { type GapsCounter, gapsHighWaterSql } from './number-sequence';

/** One auto-number column filled by a batch statement. */
export interface AutoNumberColumn {
  readonly formId: string;
  readonly fieldId: string;
  readonly column: string;
  readonly pattern: string;
  readonly resetEvery?: ResetEvery | undefined;
  /** Set when the field allows gaps: numbers come from its sequence (see number-sequence). */
  readonly counter?: GapsCounter | undefined;
}

/**
 * The counter advance of a batch as a data-modifying CTE: `count` numbers at once with one
 * upsert (`value + count`), returning `base` = the value before the batch, so row `i` (1-based)
 * gets `base + i`. The row lock of the upsert serialises writers as in `nextAutoNumber`.
 * `from guard` makes the CTE a no-op when the statement's guard refuses (stale runtime). A
 * counter continues after the numbers its field's sequence gave in the period, if it ever
 * allowed gaps (see gapsHighWaterSql). `at` decides the period; `stamped` is the value written as
 * `updated_at` (default `at`; a statement template passes its per-call slot).
 */
export function sequenceCte(
  name: string,
  spec: AutoNumberColumn,
  count: unknown,
  at: Date,
  timeZone: string,
  guard: string,
  stamped: unknown = at,
): RawBuilder<unknown> {
  const period = periodKey(resetPeriod(spec.pattern, spec.resetEvery), calendarDate(at, timeZone));
  const since = sql`coalesce(${gapsHighWaterSql(spec, period)}, 0)`;
  return sql`${sql.raw(ident(name))} as (
    insert into tessera.record_sequences (form_id, field_id, period, value, updated_at)
    select ${spec.formId}::uuid, ${spec.fieldId}::text, ${period}::text, ${since} + ${count}::bigint, ${stamped}::timestamptz
    from ${sql.raw(ident(guard))}
    on conflict (form_id, field_id, period)
    do update set value = greatest(tessera.record_sequences.value, ${since}) + ${count}::bigint,
      updated_at = excluded.updated_at
    returning value - ${count}::bigint as base)`;
}

const TOKEN = /\{(YYYY|YY|MM|DD|seq:(\d{1,2}))\}/g;

/**
 * The number of a row as a SQL expression over its sequence value: the date tokens rendered
 * here (the same `formatAutoNumber` as a single write), `{seq:N}` zero-padded in SQL and never cut.
 */
export function autoNumberSql(
  pattern: string,
  date: CalendarDate,
  seq: RawBuilder<unknown>,
): RawBuilder<string> {
  const parts: RawBuilder<unknown>[] = [];
  let last = 0;
  for (const match of pattern.matchAll(TOKEN)) {
    const literal = pattern.slice(last, match.index) + (match[2] ? '' : formatAutoNumber(match[0], date, 0));
    if (literal !== '') parts.push(sql`${literal}::text`);
    if (match[2]) {
      const width = Number(match[2]);
      parts.push(sql`lpad((${seq})::text, greatest(${width}::int, length((${seq})::text)), '0')`);
    }
    last = match.index + match[0].length;
  }
  if (last < pattern.length) parts.push(sql`${pattern.slice(last)}::text`);
  return parts.length === 0 ? sql<string>`''::text` : sql<string>`concat(${sql.join(parts)})`;
}
