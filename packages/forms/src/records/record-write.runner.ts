import type { EvalContext } from '@tessera/logic';
import { type Kysely, sql } from 'kysely';
import { computeFormulas } from '../formulas/formula.evaluator';
import { recomputeRollups, rollupsOver } from '../formulas/rollup.runner';
import { nextAutoNumber } from '../numbering/auto-number.runner';
import { checkRecord } from '../validation/record.validator';
import type { FormRuntime } from './form-runtime';
import { checkLinkTargets } from './link-target.checker';
import {
  assignments,
  insertRecord,
  replaceLineItems,
  rowToRecord,
  type StoredRecord,
  selectLineItems,
  selectRows,
  updateRecordRow,
} from './record.repository';
import { type FieldChanges, writeRecordChange } from './record-change.writer';
import { applyDefaults } from './record-defaults';
import { type AnyField, isComputed, liveFields } from './record-field';
import { type RecordValues, sameValue } from './record-value.mapper';
import { RecordsError } from './records.error';

/** What one write runs with, inside its transaction. */
export interface WriteEnv {
  readonly trx: Kysely<any>;
  readonly runtime: FormRuntime;
  /** Every published form of the app (rollup dependencies), loaded lazily once per transaction. */
  readonly appForms: () => Promise<readonly FormRuntime[]>;
  readonly user: { id: string | null };
  readonly at: Date;
  readonly ctx: EvalContext;
}

/** Creates one record: defaults → validation → auto-numbers → formulas → rows → rollups → history + event. */
export async function createRecordIn(env: WriteEnv, input: unknown): Promise<string> {
  const { trx, runtime, user, ctx, at } = env;
  const body = requireObject(input);
  const merged = withRowDefaults(env, applyDefaults(runtime.main, body, user, ctx));
  const errors = checkRecord(runtime, { input: body, merged, current: null, user, ctx });
  if (errors.length === 0) errors.push(...(await checkLinkTargets(trx, runtime, merged, null)));
  if (errors.length > 0) throw RecordsError.invalid(errors);

  const values: RecordValues = {};
  for (const field of liveFields(runtime.definition.fields)) {
    if (field.type === 'line_items') values[field.key] = rowsOf(field.fields, merged[field.key]);
    else if (!isComputed(field)) values[field.key] = merged[field.key] ?? null;
  }
  for (const field of liveFields(runtime.definition.fields)) {
    if (field.type !== 'auto_number') continue;
    const spec = {
      formId: runtime.formId,
      fieldId: field.id,
      pattern: field.pattern,
      resetEvery: field.resetEvery,
    };
    values[field.key] = await nextAutoNumber(trx, spec, at, ctx.timeZone);
  }
  const computed = computeFormulas(runtime, values, user, ctx);
  const id = await insertRecord(trx, runtime, computed, { actorId: user.id, at });
  for (const key of runtime.lineItems.keys()) {
    await replaceLineItems(trx, runtime, key, id, (computed[key] as RecordValues[]) ?? []);
  }
  await refreshRollups(env, id, [computed]);

  const changes: FieldChanges = {};
  for (const [key, value] of Object.entries(computed)) {
    if (value !== null && !(Array.isArray(value) && value.length === 0))
      changes[key] = { old: null, new: value };
  }
  await writeRecordChange(trx, runtime, {
    recordId: id,
    kind: 'created',
    version: 1,
    changes,
    actorId: user.id,
    at,
  });
  return id;
}

/**
 * PATCH semantics: only the given fields change (line items given are replaced as a whole).
 * `version` must be the stored one, else STALE_VERSION; the row is locked first (FOR UPDATE), so
 * of two writers holding the same version exactly one wins. A PATCH that changes nothing writes
 * nothing (no version bump, no history, no event).
 */
export async function updateRecordIn(
  env: WriteEnv,
  id: string,
  version: number,
  patch: unknown,
): Promise<void> {
  const { trx, runtime, user, ctx, at } = env;
  const body = requireObject(patch);
  const current = await lockedCurrent(env, id, 'live');
  if (current.version !== version) {
    throw new RecordsError(
      'STALE_VERSION',
      `The record was changed meanwhile (now version ${current.version}).`,
    );
  }
  const merged = withRowDefaults(env, { ...current, ...body }, Object.keys(body));
  const errors = checkRecord(runtime, { input: body, merged, current, user, ctx });
  if (errors.length === 0) errors.push(...(await checkLinkTargets(trx, runtime, merged, current)));
  if (errors.length > 0) throw RecordsError.invalid(errors);

  const computed = computeFormulas(runtime, normalise(runtime, merged), user, ctx);
  const changes: FieldChanges = {};
  const columnChanges: RecordValues = {};
  for (const field of liveFields(runtime.definition.fields)) {
    const key = field.key;
    if (field.type === 'lookup' || field.type === 'rollup' || field.type === 'auto_number') continue;
    const before = field.type === 'line_items' ? stripIds(current[key]) : current[key];
    const after = field.type === 'line_items' ? stripIds(computed[key]) : computed[key];
    if (sameValue(before, after)) continue;
    changes[key] = { old: before ?? null, new: after ?? null };
    if (field.type !== 'line_items') columnChanges[key] = computed[key];
  }
  if (Object.keys(changes).length === 0) return;
  const next = await updateRecordRow(
    trx,
    runtime,
    id,
    assignments(runtime.definition.fields, columnChanges),
    {
      actorId: user.id,
      at,
    },
  );
  for (const key of runtime.lineItems.keys()) {
    if (key in changes)
      await replaceLineItems(trx, runtime, key, id, (computed[key] as RecordValues[]) ?? []);
  }
  await refreshRollups(env, id, [current, computed], false);
  await writeRecordChange(trx, runtime, {
    recordId: id,
    kind: 'updated',
    version: next,
    changes,
    actorId: user.id,
    at,
  });
}

/** Soft delete (`deleted` = set deleted_at) or restore (clear it); both bump the version. */
export async function setDeletedIn(env: WriteEnv, id: string, deleted: boolean): Promise<void> {
  const { trx, runtime, user, at } = env;
  const current = await lockedCurrent(env, id, deleted ? 'live' : 'deleted');
  const value = deleted ? at.toISOString() : null;
  const next = await updateRecordRow(trx, runtime, id, [['deleted_at', sqlTimestamp(value)]], {
    actorId: user.id,
    at,
  });
  await refreshRollups(env, id, [current], false);
  await writeRecordChange(trx, runtime, {
    recordId: id,
    kind: deleted ? 'deleted' : 'restored',
    version: next,
    changes: { deleted_at: { old: current.deleted_at, new: value } },
    actorId: user.id,
    at,
  });
}

async function lockedCurrent(env: WriteEnv, id: string, state: 'live' | 'deleted'): Promise<StoredRecord> {
  const { trx, runtime } = env;
  const [row] = await selectRows(trx, runtime, [id], { lock: true });
  const isDeleted = row?.deleted_at !== null && row?.deleted_at !== undefined;
  if (!row || isDeleted !== (state === 'deleted')) {
    const what = state === 'deleted' ? 'deleted record' : 'record';
    throw new RecordsError('RECORD_NOT_FOUND', `No ${what} ${id} in form ${runtime.definition.key}.`);
  }
  const record: Record<string, unknown> = rowToRecord(runtime, row);
  for (const key of runtime.lineItems.keys()) {
    record[key] = (await selectLineItems(trx, runtime, key, [id])).get(id) ?? [];
  }
  return record as StoredRecord;
}

/**
 * Rollups touched by this write: the record's own rollups (create), and the rollups of every
 * parent it links to — before and after the write, so a re-link updates both parents.
 */
async function refreshRollups(env: WriteEnv, id: string, versions: readonly RecordValues[], own = true) {
  const forms = await env.appForms();
  if (own) {
    for (const child of forms) {
      for (const dep of rollupsOver(child, forms)) {
        if (dep.parent.formId === env.runtime.formId) await recomputeRollups(env.trx, dep, [id]);
      }
    }
  }
  for (const dep of rollupsOver(env.runtime, forms)) {
    const link = dep.field.source.link;
    await recomputeRollups(
      env.trx,
      dep,
      versions.map((v) => v[link] as string | null | undefined),
    );
  }
}

/** Applies defaults to the rows of the line-items fields given (rows are new on every write). */
function withRowDefaults(env: WriteEnv, values: RecordValues, only?: readonly string[]): RecordValues {
  const out: RecordValues = { ...values };
  for (const [key, lineItems] of env.runtime.lineItems) {
    if (only && !only.includes(key)) continue;
    const rows = out[key];
    if (!Array.isArray(rows)) continue;
    out[key] = rows.map((row) =>
      row && typeof row === 'object' && !Array.isArray(row)
        ? applyDefaults(lineItems.rows, row as RecordValues, env.user, env.ctx)
        : row,
    );
  }
  return out;
}

/** Keeps the writable fields of rows (computed values are recomputed, ids are not kept). */
function rowsOf(fields: readonly AnyField[], rows: unknown): RecordValues[] {
  if (!Array.isArray(rows)) return [];
  return rows.map((row) => {
    const out: RecordValues = {};
    for (const field of liveFields(fields)) {
      if (!isComputed(field)) out[field.key] = (row as RecordValues)[field.key] ?? null;
    }
    return out;
  });
}

function normalise(runtime: FormRuntime, merged: RecordValues): RecordValues {
  const out: RecordValues = { ...merged };
  for (const [key, lineItems] of runtime.lineItems) out[key] = rowsOf(lineItems.field.fields, merged[key]);
  return out;
}

function stripIds(rows: unknown): unknown {
  if (!Array.isArray(rows)) return rows;
  return rows.map((row) => {
    const { id: _id, ...rest } = row as RecordValues;
    return rest;
  });
}

function requireObject(input: unknown): RecordValues {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw RecordsError.invalid([{ path: '(record)', message: 'must be an object of field values' }]);
  }
  return input as RecordValues;
}

function sqlTimestamp(value: string | null) {
  return sql`${value}::timestamptz`;
}
