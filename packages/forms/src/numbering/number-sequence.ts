import { createHash } from 'node:crypto';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { ident } from '../tables/identifier';
import { calendarDate, periodKey, type ResetEvery, resetPeriod } from './auto-number.pattern';

/** What identifies a counter (a form's auto-number field, or a line-items row's: `items.no`). */
export interface CounterKey {
  readonly formId: string;
  readonly fieldId: string;
  readonly pattern: string;
  readonly resetEvery?: ResetEvery | undefined;
}

/**
 * The sequence of a gaps-allowed auto-number field: one per form and field, named by a hash of
 * both (stable, short, valid whatever the ids look like).
 */
export function sequenceName(key: CounterKey): string {
  const id = `${key.formId}:${key.fieldId}`;
  let name = sequenceNames.get(id);
  if (name === undefined) {
    const hash = createHash('md5').update(id).digest('hex').slice(0, 24);
    name = `tessera.${ident(`an_${hash}`)}`;
    if (sequenceNames.size >= 10_000) sequenceNames.clear();
    sequenceNames.set(id, name);
  }
  return name;
}

/** form:field → its sequence name (hashed once per process; every gaps-allowed create asks). */
const sequenceNames = new Map<string, string>();

export function counterPeriod(key: CounterKey, at: Date, timeZone: string): string {
  return periodKey(resetPeriod(key.pattern, key.resetEvery), calendarDate(at, timeZone));
}

/** A period of a gaps-allowed counter: number = nextval(sequence) − offset. */
export interface GapsCounter {
  readonly sequence: string;
  readonly offset: number;
}

/** Per root handle: sequence + period + form version → its offset (once per process and period). */
const known = new WeakMap<Kysely<any>, Map<string, Promise<GapsCounter>>>();

/**
 * The sequence and offset of a gaps-allowed counter in the period of `at`: creates the sequence
 * when missing and sets the period's offset at its first use so that numbers continue after what
 * the gap-free counter of the period gave (a field switched from gap-free to gaps allowed), or
 * lowers it when a gap-free counter went on since (switched back and forth). Two round trips at
 * most, once per process, period and form version; then nothing (the number is drawn by the
 * write's own statement). Inside a caller's transaction nothing is remembered (it may roll back).
 */
export function gapsCounter(
  db: Kysely<any>,
  key: CounterKey,
  at: Date,
  timeZone: string,
  versionId: string,
): Promise<GapsCounter> {
  const sequence = sequenceName(key);
  const period = counterPeriod(key, at, timeZone);
  const cache = db.isTransaction ? undefined : (known.get(db) ?? new Map<string, Promise<GapsCounter>>());
  if (cache && !known.has(db)) known.set(db, cache);
  const cacheKey = `${sequence}|${period}|${versionId}`;
  const cached = cache?.get(cacheKey);
  if (cached) return cached;
  const loading = (async (): Promise<GapsCounter> => {
    await createSequence(db, sequence);
    const row = await sql<{ value_offset: string | number }>`
      insert into tessera.record_number_offsets (form_id, field_id, period, value_offset)
      values (${key.formId}::uuid, ${key.fieldId}::text, ${period}::text,
        coalesce(pg_sequence_last_value(${sequence}::regclass), 0)
        - coalesce((select s.value from tessera.record_sequences s where s.form_id = ${key.formId}::uuid
            and s.field_id = ${key.fieldId}::text and s.period = ${period}::text), 0))
      on conflict (form_id, field_id, period)
      do update set value_offset = least(tessera.record_number_offsets.value_offset, excluded.value_offset)
      returning value_offset`.execute(db);
    return { sequence, offset: Number(row.rows[0]!.value_offset) };
  })();
  if (cache) {
    cache.set(cacheKey, loading);
    loading.catch(() => cache.delete(cacheKey));
  }
  return loading;
}

async function createSequence(db: Kysely<any>, sequence: string): Promise<void> {
  const create = sql`create sequence if not exists ${sql.raw(sequence)} as bigint`;
  try {
    await create.execute(db);
  } catch (error) {
    // Two sessions creating it at once: one wins, the other meets its catalogue row.
    if ((error as { code?: string }).code !== '23505' || db.isTransaction) throw error;
    await create.execute(db);
  }
}

/** The next number of a gaps-allowed counter, as SQL (one `nextval` per row it is evaluated for). */
export function nextGapsValueSql(counter: GapsCounter): RawBuilder<number> {
  // the name as a literal (a hash, no quotes of its own): the regclass is resolved once, at planning
  return sql<number>`(nextval(${sql.raw(`'${counter.sequence}'`)}::regclass) - ${counter.offset}::bigint)`;
}

/**
 * The highest number a gaps-allowed sequence gave in the period (null when the field never
 * allowed gaps in it): a gap-free counter continues from there, so switching a field back to
 * gap-free never repeats a number.
 */
export function gapsHighWaterSql(key: CounterKey, period: string): RawBuilder<number | null> {
  return sql<
    number | null
  >`(select coalesce(pg_sequence_last_value(to_regclass(${sequenceName(key)}::text)), 0)
      - o.value_offset from tessera.record_number_offsets o
    where o.form_id = ${key.formId}::uuid and o.field_id = ${key.fieldId}::text and o.period = ${period}::text)`;
}
