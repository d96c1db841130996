import { type RawBuilder, sql } from 'kysely';
import { ident, qualified } from '../tables/identifier';
import type { TableModel } from '../tables/table-model';
import type { FormRuntime } from './form-runtime';
import type { FieldChanges } from './record-change.writer';
import { liveFields } from './record-field';
import { eventsCte, guardCte } from './record-insert.statement';
import { rowJson, valueColumns } from './record-json';
import type { RecordValues } from './record-value.mapper';

/** One validated change of a locked record. */
export interface RecordChange {
  readonly id: string;
  /** New values of the changed column-backed fields (API form). */
  readonly set: RecordValues;
  /** Line-items fields given: their new rows (each with a fresh `id`), replacing the stored ones. */
  readonly lineItems: ReadonlyMap<string, readonly RecordValues[]>;
  readonly changes: FieldChanges;
}

const tableSql = (t: TableModel) => sql.raw(qualified(t.schema, t.name));
const id = (name: string) => sql.raw(ident(name));

/**
 * Updates N locked records in ONE statement: each row gets only its own changed columns
 * (`case when '<col>' = any(m.cols) …`), version + 1; replaced line items (delete, then insert —
 * the insert waits for the delete through its WHERE); history rows; `record.event` jobs in one
 * `add_jobs` call. The guard makes it a no-op when a publish changed the app since the runtime
 * was loaded (returns no row; the caller reloads and validates again). Returns `id, version`.
 */
export function updateStatement(input: {
  readonly runtime: FormRuntime;
  readonly changes: readonly RecordChange[];
  readonly actorId: string | null;
  readonly at: Date;
  readonly directEvents: boolean;
}): RawBuilder<{ id: string; version: number }> {
  const { runtime, changes, at } = input;
  const fields = liveFields(runtime.definition.fields).filter((f) => f.type !== 'line_items');
  const rows = changes.map((c) => ({ id: c.id, ...rowJson(fields, c.set) }));
  const meta = changes.map((c, o) => ({
    id: c.id,
    o,
    cols: Object.keys(rowJson(fields, c.set)),
    c: c.changes,
  }));
  const touched = valueColumns(fields).filter((col) => meta.some((m) => m.cols.includes(col)));
  const sets = [
    ...touched.map(
      (col) => sql`${id(col)} = case when ${col}::text = any(m.cols) then x.${id(col)} else t.${id(col)} end`,
    ),
    sql`version = t.version + 1`,
    sql`updated_at = ${at}::timestamptz`,
    sql`updated_by = ${input.actorId}::uuid`,
  ];
  const ctes: RawBuilder<unknown>[] = [
    guardCte(runtime),
    sql`u as (update ${tableSql(runtime.model)} t set ${sql.join(sets)}
      from jsonb_populate_recordset(null::${tableSql(runtime.model)}, ${JSON.stringify(rows)}::jsonb) as x
      join jsonb_to_recordset(${JSON.stringify(meta)}::jsonb) as m(id uuid, o int, cols text[], c jsonb) on m.id = x.id
      cross join g
      where t.id = x.id returning t.id, t.version, m.o, m.c)`,
  ];
  [...runtime.lineItems.entries()].forEach(([key, lineItems], k) => {
    const parents = changes.filter((c) => c.lineItems.has(key));
    if (parents.length === 0) return;
    const rowFields = liveFields(lineItems.field.fields);
    const childRows = parents.flatMap((c) =>
      (c.lineItems.get(key) ?? []).map((row, i) => ({
        id: row.id,
        parent_id: c.id,
        position: i + 1,
        ...rowJson(rowFields, row),
      })),
    );
    const cols = valueColumns(rowFields);
    ctes.push(sql`${id(`d${k}`)} as (delete from ${tableSql(lineItems.table)} c using g
      where c.parent_id = any(${parents.map((c) => c.id)}::uuid[]) returning 1)`);
    if (childRows.length === 0) return;
    ctes.push(sql`${id(`li${k}`)} as (insert into ${tableSql(lineItems.table)} (id, parent_id, position${
      cols.length ? sql`, ${sql.join(cols.map(id))}` : sql``
    })
      select x.id, x.parent_id, x.position${cols.length ? sql`, ${sql.join(cols.map((c) => sql.raw(`x.${ident(c)}`)))}` : sql``}
      from jsonb_populate_recordset(null::${tableSql(lineItems.table)}, ${JSON.stringify(childRows)}::jsonb) as x, g
      where (select count(*) from ${id(`d${k}`)}) >= 0)`);
  });
  ctes.push(sql`h as (insert into tessera.record_history (form_id, record_id, operation, version, changes, actor_id, at)
    select ${runtime.formId}::uuid, u.id, 'updated', u.version, u.c, ${input.actorId}::uuid, ${at}::timestamptz
    from u order by u.o)`);
  const payload = sql`jsonb_build_object('app', ${runtime.appKey}::text, 'form', ${runtime.definition.key}::text,
    'recordId', ch.id, 'kind', 'updated', 'version', ch.version, 'changes', ch.c, 'actorId', ${input.actorId}::uuid,
    'at', ${at.toISOString()}::text)::json`;
  ctes.push(...eventsCte(sql`u as ch`, payload, input.directEvents));
  return sql`with ${sql.join(ctes)} select u.id, u.version, (select count(*) from e) as "__events" from u`;
}
