import type { EvalContext } from '@tessera/logic';
import { fieldError, isComputedField } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import { markRecordFilesDeleted } from '../files/file.repository';
import { refreshRollupsOnce } from '../formulas/rollup-batch.runner';
import type { FormRuntime } from './form-runtime';
import {
  rowToRecord,
  type StoredRecord,
  selectLineItems,
  selectRows,
  updateRecordRow,
} from './record.repository';
import type { RecordsAccess } from './record-access';
import { createRecords } from './record-batch.runner';
import { writeRecordChange } from './record-change.writer';
import { applyDefaults } from './record-defaults';
import { type AnyField, liveFields } from './record-field';
import { updateRecords } from './record-update.runner';
import type { RecordValues } from './record-value.mapper';
import { RecordsError } from './records.error';

/** What one write runs with, inside its transaction. */
export interface WriteEnv {
  readonly trx: Kysely<any>;
  readonly runtime: FormRuntime;
  /** Every published form of the app (rollup dependencies), loaded lazily once per transaction. */
  readonly appForms: () => Promise<readonly FormRuntime[]>;
  readonly user: { id: string | null };
  /** The writer's access (link targets must be in their read scope); absent = the system. */
  readonly access?: RecordsAccess;
  /** A flow or rule writes: `readOnly` fields may be set (RecordsContext.systemWrite). */
  readonly systemWrite?: boolean;
  readonly at: Date;
  readonly ctx: EvalContext;
  /**
   * The write commits by itself or in the service's own transaction (not a caller's): its events
   * go into the queue without an in-transaction NOTIFY and the service wakes the workers after.
   */
  readonly directEvents?: boolean;
}

/** Creates one record on `env.trx` (see createRecords; the caller's transaction holds it). */
export async function createRecordIn(env: WriteEnv, input: unknown): Promise<string> {
  const [record] = await createRecords(env, [input], false, (run) => run(env.trx));
  return record!.id;
}

/** PATCH one record inside `env.trx` (see updateRecords): stale version → STALE_VERSION. */
export async function updateRecordIn(
  env: WriteEnv,
  id: string,
  version: number,
  patch: unknown,
): Promise<void> {
  await updateRecords(env, [{ id, version, patch }], false);
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
  await refreshRollups(env, [id], [current], false);
  // The record's files stay while it is in the bin: a restore brings them back, a purge deletes them.
  await markRecordFilesDeleted(trx, runtime.formId, id, deleted ? at : null);
  await writeRecordChange(trx, runtime, {
    recordId: id,
    kind: deleted ? 'deleted' : 'restored',
    version: next,
    changes: { deleted_at: { old: current.deleted_at, new: value } },
    actorId: user.id,
    at,
  });
}

export async function lockedCurrent(
  env: WriteEnv,
  id: string,
  state: 'live' | 'deleted',
): Promise<StoredRecord> {
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
 * Rollups touched by this write, recomputed once for all the records it wrote (`ids`): with
 * `own`, the records' own rollups (create), and the rollups of every parent they link to — before
 * and after the write, so a re-link updates both parents (see refreshRollupsOnce).
 */
export async function refreshRollups(
  env: WriteEnv,
  ids: readonly string[],
  versions: readonly RecordValues[],
  own = true,
) {
  await refreshRollupsOnce(env.trx, await env.appForms(), env.runtime, versions, own ? ids : [], env.ctx);
}

/** Applies defaults to the rows of the line-items fields given (rows are new on every write). */
export function withRowDefaults(env: WriteEnv, values: RecordValues, only?: readonly string[]): RecordValues {
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
export function rowsOf(fields: readonly AnyField[], rows: unknown): RecordValues[] {
  if (!Array.isArray(rows)) return [];
  return rows.map((row) => {
    const out: RecordValues = {};
    for (const field of liveFields(fields)) {
      if (!isComputedField(field)) out[field.key] = (row as RecordValues)[field.key] ?? null;
    }
    return out;
  });
}

export function normalise(runtime: FormRuntime, merged: RecordValues): RecordValues {
  const out: RecordValues = { ...merged };
  for (const [key, lineItems] of runtime.lineItems) out[key] = rowsOf(lineItems.field.fields, merged[key]);
  return out;
}

export function stripIds(rows: unknown): unknown {
  if (!Array.isArray(rows)) return rows;
  return rows.map((row) => {
    const { id: _id, ...rest } = row as RecordValues;
    return rest;
  });
}

export function requireObject(input: unknown): RecordValues {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw RecordsError.invalid([fieldError('(record)', 'FIELD_NOT_OBJECT')]);
  }
  return input as RecordValues;
}

function sqlTimestamp(value: string | null) {
  return sql`${value}::timestamptz`;
}
