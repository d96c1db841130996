import { jobRowsCtes } from '@tessera/store';
import { type CompiledQuery, type Kysely, type RawBuilder, sql } from 'kysely';
import { type CalendarDate, calendarDate, periodKey } from '../numbering/auto-number.pattern';
import { type AutoNumberColumn, autoNumberSql, sequenceCte } from '../numbering/auto-number.statement';
import { nextGapsValueSql } from '../numbering/number-sequence';
import { ident, qualified } from '../tables/identifier';
import type { TableModel } from '../tables/table-model';
import type { FormRuntime } from './form-runtime';
import { appFingerprintSql } from './form-runtime.repository';
import type { LookupPlan } from './lookup.reader';
import { rowToRecord, type StoredRecord } from './record.repository';
import {
  type FieldChanges,
  RECORD_EVENT_BATCH_TASK,
  RECORD_EVENT_TASK,
  RECORD_EVENTS_SETTING,
} from './record-change.writer';
import { type AnyField, liveFields } from './record-field';
import { readJsonRows, rowJson, rowJsonSql, valueColumns } from './record-json';
import type { RecordValues } from './record-value.mapper';
import { bindTemplate, cachedTemplate, slot } from './statement-template';

/** A record ready to be written: id chosen, defaults applied, validated, formulas computed. */
export interface NewRecord {
  readonly id: string;
  /** Column-backed values, and line items as rows (each with its `id`). */
  readonly values: RecordValues;
  /** The `created` changes, without the numbers this statement draws. */
  readonly changes: FieldChanges;
}

export interface InsertInput {
  readonly runtime: FormRuntime;
  readonly records: readonly NewRecord[];
  /** Main-table auto-numbers drawn inside the statement (their counters advance by records.length). */
  readonly numbers: readonly AutoNumberColumn[];
  readonly actorId: string | null;
  readonly at: Date;
  readonly timeZone: string;
  readonly lookups: LookupPlan;
  /** Queue the events without NOTIFY (the statement commits by itself or in the service's own transaction). */
  readonly directEvents: boolean;
  /**
   * `records` (default): every row as stored (lookups, line items). `ids`: only `id` — a bulk
   * import reads nothing back, so nothing is aggregated or sent back for it.
   */
  readonly returning?: 'records' | 'ids';
  /**
   * `each` (default): one `record.event` job per record. `batch`: ONE `record.events` job for
   * the statement's records (RECORD_EVENT_BATCH_TASK), expanded by the worker.
   */
  readonly events?: 'each' | 'batch';
}

const tableSql = (t: TableModel) => sql.raw(qualified(t.schema, t.name));
const id = (name: string) => sql.raw(ident(name));

/**
 * Creates N records in ONE statement (data-modifying CTEs, one implicit transaction, one round
 * trip): guard (the app's published state is still the runtime's) → counters → rows → line
 * items → history rows → `record.event` jobs (graphile-worker `add_jobs`, one call) → the rows
 * as stored (RETURNING, with lookups and line items), so nothing is read back. When the guard
 * refuses, every part inserts nothing and the statement returns no row: the caller reloads the
 * runtime and validates again. The ROW EXCLUSIVE lock the INSERT takes when the statement is
 * parsed conflicts with the SHARE ROW EXCLUSIVE lock of a publish, and the statement's snapshot
 * is taken after that lock: the guard sees any publish that changed this table.
 *
 * The statement is compiled once per runtime and shape (numbering, the calendar day, which line
 * items have rows, what it returns) and runs as a prepared statement: per call only the rows, the
 * changes, the time, the actor and the count are bound (see statement-template).
 */
export function insertStatement(db: Kysely<any>, input: InsertInput): CompiledQuery<Record<string, unknown>> {
  const { runtime, records, at } = input;
  const mainFields = mainFieldsOf(runtime, input.numbers);
  const rows = records.map((r) => ({ id: r.id, ...rowJson(mainFields, r.values) }));
  const values: Record<string, unknown> = {
    at,
    atText: at.toISOString(),
    actor: input.actorId,
    count: records.length,
    // json, not jsonb: the text is parsed once, lazily per row (about twice as fast for a big chunk)
    rows: JSON.stringify(rows),
    changes: JSON.stringify(records.map((r, i) => ({ id: r.id, o: i, c: r.changes }))),
  };
  const withItems: boolean[] = [];
  [...runtime.lineItems.entries()].forEach(([key, lineItems], k) => {
    const fields = liveFields(lineItems.field.fields);
    const childRows = records.flatMap((r) =>
      ((r.values[key] as RecordValues[] | undefined) ?? []).map((row, i) => ({
        id: row.id,
        parent_id: r.id,
        position: i + 1,
        ...rowJson(fields, row),
      })),
    );
    withItems.push(childRows.length > 0);
    values[`items${k}`] = JSON.stringify(childRows);
  });
  const date = calendarDate(at, input.timeZone);
  const shape: InsertShape = {
    runtime,
    numbers: input.numbers,
    date,
    at,
    timeZone: input.timeZone,
    lookups: input.lookups,
    directEvents: input.directEvents,
    idsOnly: input.returning === 'ids',
    batchEvents: input.events === 'batch',
    withItems,
  };
  const key = JSON.stringify([
    input.numbers.map((n) => [n.column, n.counter?.sequence ?? null, n.counter?.offset ?? null]),
    periodKey('day', date),
    shape.directEvents,
    shape.idsOnly,
    shape.batchEvents,
    withItems,
  ]);
  return bindTemplate(
    cachedTemplate(db, runtime, `insert ${key}`, () => insertTemplate(shape)),
    values,
  );
}

/** What decides the text of an insert statement (the rest are its slots). */
interface InsertShape {
  readonly runtime: FormRuntime;
  readonly numbers: readonly AutoNumberColumn[];
  /** The calendar day of `at`: the auto-numbers' date tokens and counter periods. */
  readonly date: CalendarDate;
  readonly at: Date;
  readonly timeZone: string;
  readonly lookups: LookupPlan;
  readonly directEvents: boolean;
  readonly idsOnly: boolean;
  readonly batchEvents: boolean;
  /** Per line-items field (in runtime order): whether any record has rows in it. */
  readonly withItems: readonly boolean[];
}

function mainFieldsOf(runtime: FormRuntime, numbers: readonly AutoNumberColumn[]) {
  return liveFields(runtime.definition.fields).filter(
    (f) => f.type !== 'line_items' && !numbers.some((n) => n.fieldId === f.id),
  );
}

function insertTemplate(shape: InsertShape): RawBuilder<Record<string, unknown>> {
  const { runtime, date, idsOnly } = shape;
  const at = slot('at');
  const actor = slot('actor');
  const ctes: RawBuilder<unknown>[] = [guardCte(runtime)];
  const mainFields = mainFieldsOf(runtime, shape.numbers);
  // Gap-free numbers: a counter CTE (`n<i>`), one advance for the lot. Gaps allowed: a `nextval`
  // per row, taken once in the row source (`x.__n<i>`) because the pattern reads the value twice.
  const drawnPerRow: RawBuilder<unknown>[] = [];
  const counters: string[] = [];
  const numberCols = shape.numbers.map((spec, i) => {
    if (spec.counter) {
      // an internal name no field key can take (keys start with a letter)
      drawnPerRow.push(sql`${nextGapsValueSql(spec.counter)} as ${sql.raw(`"__n${i}"`)}`);
      return { column: spec.column, expr: autoNumberSql(spec.pattern, date, sql.raw(`x."__n${i}"`)) };
    }
    ctes.push(sequenceCte(`n${i}`, spec, slot('count'), shape.at, shape.timeZone, 'g', at));
    counters.push(`n${i}`);
    return {
      column: spec.column,
      expr: autoNumberSql(spec.pattern, date, sql.raw(`n${i}.base + x.ordinality`)),
    };
  });
  const columns = valueColumns(mainFields);
  const source = sql`json_populate_recordset(null::${tableSql(runtime.model)}, ${slot('rows')}::json) with ordinality`;
  const from = [
    drawnPerRow.length === 0
      ? sql`${source} as x`
      : sql`(select j.*, ${sql.join(drawnPerRow)} from ${source} as j) as x`,
    sql`g`,
    ...counters.map((name) => id(name)),
  ];
  ctes.push(sql`r as (insert into ${tableSql(runtime.model)}
    (id, created_at, created_by, updated_at, updated_by, ${sql.join([...columns, ...numberCols.map((n) => n.column)].map(id))})
    select x.id, ${at}::timestamptz, ${actor}::uuid, ${at}::timestamptz, ${actor}::uuid,
      ${sql.join([...columns.map((c) => sql.raw(`x.${ident(c)}`)), ...numberCols.map((n) => n.expr)])}
    from ${sql.join(from)} returning *)`);

  const joins: RawBuilder<unknown>[] = [];
  const itemSelects: RawBuilder<unknown>[] = [];
  [...runtime.lineItems.values()].forEach((lineItems, k) => {
    const fields = liveFields(lineItems.field.fields);
    if (!shape.withItems[k]) {
      itemSelects.push(sql`'[]'::jsonb as ${id(`r__li_${k}`)}`);
      return;
    }
    const cols = valueColumns(fields);
    ctes.push(sql`${id(`li${k}`)} as (insert into ${tableSql(lineItems.table)} (id, parent_id, position${
      cols.length ? sql`, ${sql.join(cols.map(id))}` : sql``
    })
      select x.id, x.parent_id, x.position${cols.length ? sql`, ${sql.join(cols.map((c) => sql.raw(`x.${ident(c)}`)))}` : sql``}
      from json_populate_recordset(null::${tableSql(lineItems.table)}, ${slot(`items${k}`)}::json) as x, g
      returning *)`);
    if (idsOnly) return;
    ctes.push(sql`${id(`lj${k}`)} as (select l.parent_id, jsonb_agg(${rowJsonSql('l', fields)} order by l.position) as rows
      from ${id(`li${k}`)} l group by l.parent_id)`);
    joins.push(sql`left join ${id(`lj${k}`)} on ${id(`lj${k}`)}.parent_id = r.id`);
    itemSelects.push(sql`coalesce(${id(`lj${k}`)}.rows, '[]'::jsonb) as ${id(`r__li_${k}`)}`);
  });

  const drawn = shape.numbers.map(
    (n) =>
      sql`jsonb_build_object(${n.column}::text, jsonb_build_object('old', null, 'new', r.${id(n.column)}))`,
  );
  ctes.push(sql`ch as (select r.id, c.o, c.c${drawn.length ? sql` || ${sql.join(drawn, sql` || `)}` : sql``} as changes
    from r join json_to_recordset(${slot('changes')}::json) as c(id uuid, o int, c jsonb) on c.id = r.id)`);
  ctes.push(sql`h as (insert into tessera.record_history (form_id, record_id, operation, version, changes, actor_id, at)
    select ${runtime.formId}::uuid, ch.id, 'created', 1, ch.changes, ${actor}::uuid, ${at}::timestamptz
    from ch order by ch.o)`);
  const payload = sql`jsonb_build_object('app', ${runtime.appKey}::text, 'form', ${runtime.definition.key}::text,
    'recordId', ch.id, 'kind', 'created', 'version', 1, 'changes', ch.changes, 'actorId', ${actor}::uuid,
    'at', ${slot('atText')}::text)::json`;
  if (shape.batchEvents) {
    const batch = sql`jsonb_build_object('app', ${runtime.appKey}::text, 'form', ${runtime.definition.key}::text,
      'formId', ${runtime.formId}::text, 'kind', 'created', 'recordIds', b.ids)::json`;
    ctes.push(
      ...eventsCte(
        sql`(select jsonb_agg(ch.id order by ch.o) as ids from ch having count(*) > 0) b`,
        batch,
        shape.directEvents,
        true,
      ),
    );
  } else ctes.push(...eventsCte(sql`ch`, payload, shape.directEvents));

  if (idsOnly) return sql`with ${sql.join(ctes)} select r.id, (select count(*) from e) as "__events" from r`;
  const selects = [
    sql`r.*`,
    ...shape.lookups.selects,
    ...itemSelects,
    sql`(select count(*) from e) as "__events"`,
  ];
  return sql`with ${sql.join(ctes)} select ${sql.join(selects)} from r ${sql.join(joins, sql` `)}`;
}

/** `g`: one row when the app's published state is still the one the runtime was built from. */
export function guardCte(runtime: FormRuntime): RawBuilder<unknown> {
  if (!runtime.app) return sql`g as (select 1 as ok)`;
  return sql`g as (select 1 as ok where ${appFingerprintSql(sql`${runtime.app.id}::uuid`)} = ${runtime.app.fingerprint}::text)`;
}

/**
 * `e`: the event jobs of the statement — by default one `record.event` per row of `source`
 * (alias `ch`, ordered by `ch.o`); with `batch`, the one `record.events` job of a bulk import
 * (see RECORD_EVENT_BATCH_TASK) — none while the transaction suppresses record events
 * (RECORD_EVENTS_SETTING). `direct`: without the queue's in-transaction NOTIFY; the service wakes
 * the workers after its commit (see `jobRowsCtes`).
 */
export function eventsCte(
  source: RawBuilder<unknown>,
  payload: RawBuilder<unknown>,
  direct: boolean,
  batch = false,
): RawBuilder<unknown>[] {
  return jobRowsCtes({
    name: 'e',
    task: batch ? RECORD_EVENT_BATCH_TASK : RECORD_EVENT_TASK,
    source,
    payload,
    orderBy: batch ? sql`b.ids` : sql`ch.o`,
    when: sql`current_setting(${RECORD_EVENTS_SETTING}::text, true) is distinct from 'off'`,
    direct,
  });
}

/** The records an insert statement returned, in the order of `ids` (API form, lookups, line items). */
export function readWritten(
  runtime: FormRuntime,
  lookups: LookupPlan,
  rows: readonly Record<string, unknown>[],
): StoredRecord[] {
  const keys = [...runtime.lineItems.entries()];
  return rows.map((row) => {
    const record: Record<string, unknown> = { ...rowToRecord(runtime, row), ...lookups.read(row) };
    keys.forEach(([key, lineItems], k) => {
      if (`r__li_${k}` in row)
        record[key] = readJsonRows(lineItems.field.fields as readonly AnyField[], row[`r__li_${k}`]);
    });
    return record as StoredRecord;
  });
}
