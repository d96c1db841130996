import type { EvalContext } from '@tessera/logic';
import type { FormDefinition } from '@tessera/schema';
import { enqueue } from '@tessera/store';
import { type Kysely, sql } from 'kysely';
import type { Clock } from '../model/forms-context';
import { loadAppRuntimes, loadRuntime } from '../records/form-runtime.repository';
import { rowToRecord, selectLineItems } from '../records/record.repository';
import { type AnyField, liveFields } from '../records/record-field';
import { rowJson } from '../records/record-json';
import { type RecordValues, sameValue } from '../records/record-value.mapper';
import { ident, qualified } from '../tables/identifier';
import { computeFormulas } from './formula.evaluator';
import { recomputeRollups, rollupsOver } from './rollup.runner';

/** The background job that finishes a recompute too big for the publish transaction. */
export const RECOMPUTE_TASK = 'forms.recompute';
/** Tables up to this many rows are recomputed inside the publish transaction. */
export const RECOMPUTE_INLINE_LIMIT = 20_000;
const CHUNK = 500;

export interface RecomputePayload {
  readonly app: string;
  readonly form: string;
  /** Field ids of the formulas (also in line items) and rollups to recompute. */
  readonly fieldIds: readonly string[];
  /** Keyset position: the last record id done (null = from the start). */
  readonly afterId: string | null;
}

/**
 * The stored computed fields a publish changes: a formula (of the form or of its line-item rows)
 * or a rollup that is new, or whose definition (expression, result type, scale; source, aggregate,
 * field, filter) differs from the published one. Their stored values are stale until recomputed.
 */
export function changedComputedFields(previous: FormDefinition | null, next: FormDefinition): string[] {
  if (!previous) return []; // a first publish creates an empty table
  const before = new Map<string, AnyField>();
  const walk = (fields: readonly AnyField[], into: (f: AnyField) => void) => {
    for (const f of fields) {
      into(f);
      if (f.type === 'line_items') for (const row of f.fields) into(row);
    }
  };
  walk(previous.fields, (f) => before.set(f.id, f));
  const changed: string[] = [];
  walk(liveFields(next.fields), (f) => {
    if (f.deleted || (f.type !== 'formula' && f.type !== 'rollup')) return;
    const old = before.get(f.id);
    if (!old || old.type !== f.type || old.deleted || !sameValue(computedPart(old), computedPart(f)))
      changed.push(f.id);
  });
  return changed;
}

function computedPart(field: AnyField): unknown {
  if (field.type === 'formula') return [field.expression, field.resultType, field.scale];
  if (field.type === 'rollup')
    return [field.source, field.aggregate, field.field, field.filter, field.scale, field.resultType];
  return null;
}

/**
 * Recomputes one chunk (keyset order by id, after `afterId`) of a form's stored formulas and
 * rollups with the published definition, on `db` (the publish transaction, or a job's own).
 * Derived values: no version bump, no history, no event (as rollups). Returns the last id done,
 * or null when the table is finished.
 */
export async function recomputeChunk(
  db: Kysely<any>,
  payload: RecomputePayload,
  ctx: EvalContext,
): Promise<string | null> {
  const runtime = await loadRuntime(db, payload.app, payload.form);
  const wanted = new Set(payload.fieldIds);
  const table = sql.raw(qualified(runtime.model.schema, runtime.model.name));
  const ids = (
    await sql<{
      id: string;
    }>`select id from ${table} where ${payload.afterId ? sql`id > ${payload.afterId}::uuid` : sql`true`}
      order by id limit ${CHUNK}`.execute(db)
  ).rows.map((r) => String(r.id));
  if (ids.length === 0) return null;

  const forms = await loadAppRuntimes(db, payload.app);
  for (const child of forms) {
    for (const dep of rollupsOver(child, forms)) {
      if (dep.parent.formId === runtime.formId && wanted.has(dep.field.id))
        await recomputeRollups(db, dep, ids);
    }
  }

  const formulaFields = liveFields(runtime.definition.fields).filter((f) => f.type === 'formula');
  const rowFormulas = [...runtime.lineItems.values()].filter(({ field }) =>
    field.fields.some((f) => f.type === 'formula' && wanted.has(f.id)),
  );
  if (formulaFields.some((f) => wanted.has(f.id)) || rowFormulas.length > 0) {
    const rows = await sql<
      Record<string, unknown>
    >`select * from ${table} where id = any(${ids}::uuid[]) for update`.execute(db);
    const records = new Map(
      rows.rows.map((row) => [String(row.id), rowToRecord(runtime, row) as RecordValues]),
    );
    for (const key of runtime.lineItems.keys()) {
      const items = await selectLineItems(db, runtime, key, ids);
      for (const [id, record] of records) record[key] = items.get(id) ?? [];
    }
    const main: Record<string, unknown>[] = [];
    const children = new Map<string, Record<string, unknown>[]>();
    for (const [id, record] of records) {
      const computed = computeFormulas(runtime, record, { id: null }, ctx);
      const set: RecordValues = {};
      for (const f of formulaFields)
        if (!sameValue(record[f.key], computed[f.key])) set[f.key] = computed[f.key];
      if (Object.keys(set).length > 0) main.push({ id, ...rowJson(formulaFields, set) });
      for (const { field } of rowFormulas) {
        const before = (record[field.key] as RecordValues[]) ?? [];
        const after = (computed[field.key] as RecordValues[]) ?? [];
        const fields = liveFields(field.fields).filter((f) => f.type === 'formula');
        after.forEach((row, i) => {
          const changed = fields.filter((f) => !sameValue(before[i]?.[f.key], row[f.key]));
          if (changed.length > 0)
            children.set(field.key, [
              ...(children.get(field.key) ?? []),
              { id: row.id, ...rowJson(fields, row) },
            ]);
        });
      }
    }
    if (main.length > 0) {
      await updateColumns(db, runtime.model, formulaFields, main);
      // Rollups over this form (a customer's total over order totals) follow the new values.
      const changedIds = new Set(main.map((r) => String(r.id)));
      for (const dep of rollupsOver(runtime, forms)) {
        const link = dep.field.source.link;
        const parents = [...changedIds].map((id) => records.get(id)?.[link] as string | null | undefined);
        await recomputeRollups(db, dep, parents);
      }
    }
    for (const [key, list] of children) {
      const lineItems = runtime.lineItems.get(key)!;
      await updateColumns(
        db,
        lineItems.table,
        liveFields(lineItems.field.fields).filter((f) => f.type === 'formula'),
        list,
      );
    }
  }
  return ids.length < CHUNK ? null : ids[ids.length - 1]!;
}

/** Sets the given fields' columns of the rows listed (by id) from their JSON values. */
export async function updateColumns(
  db: Kysely<any>,
  model: { schema: string; name: string },
  fields: readonly AnyField[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const table = sql.raw(qualified(model.schema, model.name));
  // Only the columns a row lists change (an absent key keeps its value, a JSON null clears it).
  const sets = fields.map((f) => {
    const c = sql.raw(ident(f.key));
    return sql`${c} = case when x.j ? ${f.key}::text then x.${c} else t.${c} end`;
  });
  await sql`update ${table} t set ${sql.join(sets)}
    from (select p.*, j from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) j,
          lateral jsonb_populate_record(null::${table}, j) p) x
    where t.id = x.id`.execute(db);
}

/** Recomputes a whole table in the caller's transaction (the publish of a small table). */
export async function recomputeAll(
  db: Kysely<any>,
  payload: Omit<RecomputePayload, 'afterId'>,
  ctx: EvalContext,
): Promise<void> {
  let afterId: string | null = null;
  do afterId = await recomputeChunk(db, { ...payload, afterId }, ctx);
  while (afterId !== null);
}

/**
 * The `forms.recompute` job: one chunk per transaction, the next chunk enqueued in the same
 * transaction (a crash resumes where the last commit left off; a chunk done twice is harmless).
 */
export async function runRecomputeJob(
  db: Kysely<any>,
  payload: unknown,
  time: { readonly clock: Clock; readonly timeZone: string },
): Promise<void> {
  const p = payload as RecomputePayload;
  await db.transaction().execute(async (trx) => {
    const next = await recomputeChunk(trx, p, { now: time.clock.now(), timeZone: time.timeZone });
    if (next !== null) await enqueue(trx, RECOMPUTE_TASK, { ...p, afterId: next });
  });
}
