import { type Kysely, type RawBuilder, sql } from 'kysely';
import { ident, qualified } from '../tables/identifier';
import type { TableModel } from '../tables/table-model';
import type { FormRuntime } from './form-runtime';
import { type AnyField, liveFields } from './record-field';
import { columnValues, type RecordValues, readRow } from './record-value.mapper';

/** The system columns of a record as the API shows them. */
export interface RecordMeta {
  readonly id: string;
  readonly version: number;
  readonly created_at: string;
  readonly created_by: string | null;
  readonly updated_at: string;
  readonly updated_by: string | null;
  readonly deleted_at: string | null;
}

export type StoredRecord = RecordMeta & RecordValues;

const table = (model: TableModel) => sql.raw(qualified(model.schema, model.name));
const col = (name: string) => sql.raw(ident(name));

/** The column assignments of the given values (only fields with a column). */
export function assignments(
  fields: readonly AnyField[],
  values: RecordValues,
): Array<[string, RawBuilder<unknown>]> {
  const out: Array<[string, RawBuilder<unknown>]> = [];
  for (const field of liveFields(fields)) {
    if (!(field.key in values)) continue;
    out.push(...columnValues(field, values[field.key]));
  }
  return out;
}

export async function insertRecord(
  trx: Kysely<any>,
  runtime: FormRuntime,
  values: RecordValues,
  meta: { actorId: string | null; at: Date },
): Promise<string> {
  const pairs: Array<[string, RawBuilder<unknown>]> = [
    ['created_at', sql`${meta.at}::timestamptz`],
    ['created_by', sql`${meta.actorId}::uuid`],
    ['updated_at', sql`${meta.at}::timestamptz`],
    ['updated_by', sql`${meta.actorId}::uuid`],
    ...assignments(runtime.definition.fields, values),
  ];
  const result = await sql<{ id: string }>`insert into ${table(runtime.model)}
    (${sql.join(pairs.map(([c]) => col(c)))}) values (${sql.join(pairs.map(([, v]) => v))}) returning id`.execute(
    trx,
  );
  return result.rows[0]!.id;
}

export async function updateRecordRow(
  trx: Kysely<any>,
  runtime: FormRuntime,
  id: string,
  set: Array<[string, RawBuilder<unknown>]>,
  meta: { actorId: string | null; at: Date },
): Promise<number> {
  const pairs: Array<[string, RawBuilder<unknown>]> = [
    ...set,
    ['updated_at', sql`${meta.at}::timestamptz`],
    ['updated_by', sql`${meta.actorId}::uuid`],
    ['version', sql`version + 1`],
  ];
  const result = await sql<{ version: number }>`update ${table(runtime.model)}
    set ${sql.join(pairs.map(([c, v]) => sql`${col(c)} = ${v}`))}
    where id = ${id}::uuid returning version`.execute(trx);
  return Number(result.rows[0]!.version);
}

/** Raw rows of the form's table by id, with the lookup columns joined (see lookup.reader). */
export async function selectRows(
  db: Kysely<any>,
  runtime: FormRuntime,
  ids: readonly string[],
  options: { lock?: boolean; extra?: RawBuilder<unknown>[] } = {},
): Promise<Record<string, unknown>[]> {
  if (ids.length === 0) return [];
  const extra = options.extra?.length ? sql`, ${sql.join(options.extra)}` : sql``;
  const result = await sql<Record<string, unknown>>`select r.* ${extra} from ${table(runtime.model)} r
    where r.id = any(${[...ids]}::uuid[]) ${options.lock ? sql`for update of r` : sql``}`.execute(db);
  return result.rows;
}

/** A row as an API record (system columns + live column-backed fields). */
export function rowToRecord(runtime: FormRuntime, row: Record<string, unknown>): StoredRecord {
  return {
    id: String(row.id),
    version: Number(row.version),
    created_at: iso(row.created_at),
    created_by: (row.created_by as string | null) ?? null,
    updated_at: iso(row.updated_at),
    updated_by: (row.updated_by as string | null) ?? null,
    deleted_at: row.deleted_at === null || row.deleted_at === undefined ? null : iso(row.deleted_at),
    ...readRow(runtime.definition.fields, row),
  };
}

function iso(v: unknown): string {
  return v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
}

/** Line-item rows of the given parents, by parent id, in position order. */
export async function selectLineItems(
  db: Kysely<any>,
  runtime: FormRuntime,
  key: string,
  parentIds: readonly string[],
): Promise<Map<string, RecordValues[]>> {
  const lineItems = runtime.lineItems.get(key);
  const byParent = new Map<string, RecordValues[]>();
  if (!lineItems || parentIds.length === 0) return byParent;
  const result = await sql<Record<string, unknown>>`select * from ${table(lineItems.table)}
    where parent_id = any(${[...parentIds]}::uuid[]) order by parent_id, position`.execute(db);
  for (const row of result.rows) {
    const parent = String(row.parent_id);
    const list = byParent.get(parent) ?? [];
    list.push({ id: String(row.id), ...readRow(lineItems.field.fields, row) });
    byParent.set(parent, list);
  }
  return byParent;
}

/**
 * Replace-on-write: the rows given ARE the line items afterwards, at positions 1…n (row ids are
 * new on every write; an `id` sent back with a row is ignored).
 */
export async function replaceLineItems(
  trx: Kysely<any>,
  runtime: FormRuntime,
  key: string,
  parentId: string,
  rows: readonly RecordValues[],
): Promise<void> {
  const lineItems = runtime.lineItems.get(key);
  if (!lineItems) return;
  await sql`delete from ${table(lineItems.table)} where parent_id = ${parentId}::uuid`.execute(trx);
  if (rows.length === 0) return;
  // One multi-row INSERT; every row lists the same columns (absent values are NULL).
  const fields = liveFields(lineItems.field.fields);
  const columns = ['parent_id', 'position', ...assignments(fields, blankRow(fields)).map(([c]) => c)];
  const tuples = rows.map((row, i) => {
    const values = [
      sql`${parentId}::uuid`,
      sql`${i + 1}::integer`,
      ...assignments(fields, { ...blankRow(fields), ...pick(row, fields) }).map(([, v]) => v),
    ];
    return sql`(${sql.join(values)})`;
  });
  await sql`insert into ${table(lineItems.table)} (${sql.join(columns.map(col))}) values ${sql.join(tuples)}`.execute(
    trx,
  );
}

function blankRow(fields: readonly AnyField[]): RecordValues {
  return Object.fromEntries(fields.map((f) => [f.key, null]));
}

function pick(row: RecordValues, fields: readonly AnyField[]): RecordValues {
  return Object.fromEntries(fields.filter((f) => f.key in row).map((f) => [f.key, row[f.key]]));
}
