import { type Kysely, sql } from 'kysely';
import {
  calendarDate,
  formatAutoNumber,
  periodKey,
  type ResetEvery,
  resetPeriod,
} from './auto-number.pattern';

export interface AutoNumberSpec {
  readonly formId: string;
  readonly fieldId: string;
  readonly pattern: string;
  readonly resetEvery?: ResetEvery | undefined;
}

/**
 * Takes the next number of a sequence inside the caller's transaction: one upsert on
 * tessera.record_sequences. The row lock taken by the upsert serialises concurrent writers on the
 * same counter until their transactions end, so numbers are unique; a rollback gives the number back.
 */
export async function nextAutoNumber(
  trx: Kysely<any>,
  spec: AutoNumberSpec,
  at: Date,
  timeZone: string,
): Promise<string> {
  const date = calendarDate(at, timeZone);
  const period = periodKey(resetPeriod(spec.pattern, spec.resetEvery), date);
  const row = await sql<{ value: number | string }>`
    insert into tessera.record_sequences (form_id, field_id, period, value, updated_at)
    values (${spec.formId}, ${spec.fieldId}, ${period}, 1, ${at})
    on conflict (form_id, field_id, period)
    do update set value = tessera.record_sequences.value + 1, updated_at = excluded.updated_at
    returning value`.execute(trx);
  return formatAutoNumber(spec.pattern, date, Number(row.rows[0]!.value));
}

/** `count` consecutive numbers of a sequence with one upsert (a batch of rows, or line-item rows). */
export async function drawAutoNumbers(
  trx: Kysely<any>,
  spec: AutoNumberSpec,
  count: number,
  at: Date,
  timeZone: string,
): Promise<string[]> {
  if (count === 0) return [];
  const date = calendarDate(at, timeZone);
  const period = periodKey(resetPeriod(spec.pattern, spec.resetEvery), date);
  const row = await sql<{ value: number | string }>`
    insert into tessera.record_sequences (form_id, field_id, period, value, updated_at)
    values (${spec.formId}, ${spec.fieldId}, ${period}, ${count}, ${at})
    on conflict (form_id, field_id, period)
    do update set value = tessera.record_sequences.value + excluded.value, updated_at = excluded.updated_at
    returning value`.execute(trx);
  const last = Number(row.rows[0]!.value);
  return Array.from({ length: count }, (_, i) => formatAutoNumber(spec.pattern, date, last - count + 1 + i));
}
