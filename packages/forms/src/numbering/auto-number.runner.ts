import { type Kysely, sql } from 'kysely';
import {
  calendarDate,
  formatAutoNumber,
  periodKey,
  type ResetEvery,
  resetPeriod,
} from './auto-number.pattern';
import { type GapsCounter, gapsCounter, gapsHighWaterSql, nextGapsValueSql } from './number-sequence';

export interface AutoNumberSpec {
  readonly formId: string;
  readonly fieldId: string;
  readonly pattern: string;
  readonly resetEvery?: ResetEvery | undefined;
  /** `allowed`: numbers from the field's sequence (no wait, gaps on failure); needs `versionId`. */
  readonly gaps?: 'never' | 'allowed' | undefined;
  /** The form version the spec comes from (a gaps counter's offset is remembered per version). */
  readonly versionId?: string | undefined;
}

/**
 * Takes the next number of a sequence inside the caller's transaction (see drawAutoNumbers). A
 * gap-free counter is one upsert on tessera.record_sequences whose row lock serialises concurrent
 * writers on the same counter until their transactions end, so numbers are unique and a rollback
 * gives the number back; a gaps-allowed one is a `nextval` that never waits.
 */
export async function nextAutoNumber(
  trx: Kysely<any>,
  spec: AutoNumberSpec,
  at: Date,
  timeZone: string,
): Promise<string> {
  return (await drawAutoNumbers(trx, spec, 1, at, timeZone))[0]!;
}

/**
 * `count` numbers of a sequence with one statement (a batch of rows, or line-item rows):
 * consecutive ones with one upsert of the gap-free counter, or `count` values of the field's
 * sequence when it allows gaps (`counter` resolved beforehand, else here).
 */
export async function drawAutoNumbers(
  trx: Kysely<any>,
  spec: AutoNumberSpec,
  count: number,
  at: Date,
  timeZone: string,
  counter?: GapsCounter,
): Promise<string[]> {
  if (count === 0) return [];
  const date = calendarDate(at, timeZone);
  if (spec.gaps === 'allowed') {
    const gaps = counter ?? (await gapsCounter(trx, spec, at, timeZone, spec.versionId ?? ''));
    const rows = await sql<{ v: number | string }>`select ${nextGapsValueSql(gaps)} as v
      from generate_series(1, ${count}::int) i order by i`.execute(trx);
    return rows.rows.map((r) => formatAutoNumber(spec.pattern, date, Number(r.v)));
  }
  const period = periodKey(resetPeriod(spec.pattern, spec.resetEvery), date);
  const since = sql`coalesce(${gapsHighWaterSql(spec, period)}, 0)`;
  const row = await sql<{ value: number | string }>`
    insert into tessera.record_sequences (form_id, field_id, period, value, updated_at)
    values (${spec.formId}, ${spec.fieldId}, ${period}, ${since} + ${count}::bigint, ${at})
    on conflict (form_id, field_id, period)
    do update set value = greatest(tessera.record_sequences.value, ${since}) + ${count}::bigint,
      updated_at = excluded.updated_at
    returning value`.execute(trx);
  const last = Number(row.rows[0]!.value);
  return Array.from({ length: count }, (_, i) => formatAutoNumber(spec.pattern, date, last - count + 1 + i));
}
