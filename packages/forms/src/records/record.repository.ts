import { type Kysely, type RawBuilder, sql } from 'kysely';
import { ident, qualified } from '../tables/identifier';
import type { TableModel } from '../tables/table-model';
import type { FormRuntime } from './form-runtime';
import { appFingerprintSql, assertFresh } from './form-runtime.repository';
import { type LookupPlan, planFieldLookups } from './lookup.reader';
import { type RecordValues, readRow } from './record-value.mapper';
import { bindTemplate, cachedTemplate, slot } from './statement-template';

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

/**
 * Raw rows of the form's table by id, with the lookup columns joined (see lookup.reader). The
 * app's fingerprint is selected in the same statement: rows read with a runtime that is no longer
 * the published one throw StaleRuntimeError (the service reloads and reads again). The statement
 * is compiled once per runtime and shape and runs prepared (statement-template).
 */
export async function selectRows(
  db: Kysely<any>,
  runtime: FormRuntime,
  ids: readonly string[],
  options: { lock?: boolean; lookups?: LookupPlan } = {},
): Promise<Record<string, unknown>[]> {
  if (ids.length === 0) return [];
  const one = ids.length === 1;
  const lock = options.lock === true;
  const lookups = options.lookups;
  const template = cachedTemplate(db, runtime, `rows ${one} ${lock} ${lookups !== undefined}`, () => {
    const extras = [...(lookups?.selects ?? [])];
    if (runtime.app) extras.push(sql`${appFingerprintSql(sql`${runtime.app.id}::uuid`)} as "__fp"`);
    const extra = extras.length ? sql`, ${sql.join(extras)}` : sql``;
    return sql`select r.* ${extra} from ${table(runtime.model)} r
      where ${one ? sql`r.id = ${slot('id')}::uuid` : sql`r.id = any(${slot('ids')}::uuid[])`} ${lock ? sql`for update of r` : sql``}`;
  });
  const result = await db.executeQuery(
    bindTemplate<Record<string, unknown>>(template, one ? { id: ids[0] } : { ids: [...ids] }),
  );
  if (result.rows.length > 0) assertFresh(runtime, result.rows[0]!.__fp);
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
  const lookups = await planFieldLookups(db, runtime.appKey, lineItems.field.fields, 'c');
  const extra = lookups.selects.length ? sql`, ${sql.join(lookups.selects)}` : sql``;
  const result = await sql<Record<string, unknown>>`select c.* ${extra} from ${table(lineItems.table)} c
    where c.parent_id = any(${[...parentIds]}::uuid[]) order by c.parent_id, c.position`.execute(db);
  for (const row of result.rows) {
    const parent = String(row.parent_id);
    const list = byParent.get(parent) ?? [];
    list.push({ id: String(row.id), ...readRow(lineItems.field.fields, row), ...lookups.read(row) });
    byParent.set(parent, list);
  }
  return byParent;
}
