import { fieldError } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import { qualified } from '../tables/identifier';
import type { FormRuntime } from './form-runtime';
import { selectLineItems } from './record.repository';
import type { FormGate, RecordAction } from './record-access';
import { keepLockedRowFields, rowFieldKeys, rowInputErrors, withoutRowFields } from './record-access.rows';
import type { RecordValues } from './record-value.mapper';
import { type FieldError, RecordsError } from './records.error';

/**
 * The records service's access checks (I/O where they ask the database). Row scopes are always
 * SQL conditions evaluated by Postgres; nothing here filters rows in JavaScript.
 */

/**
 * Which of `ids` the action may touch (the scope's WHERE on the form's table). Without a lock or
 * a state and with no scope, ids are returned unchecked (callers read them anyway); `state: 'any'`
 * forces the existence check.
 */
export async function idsInScope(
  db: Kysely<any>,
  runtime: FormRuntime,
  gate: FormGate,
  action: RecordAction,
  ids: readonly string[],
  options: { lock?: boolean; state?: 'live' | 'deleted' | 'any' } = {},
): Promise<Set<string>> {
  if (!options.lock && !options.state && !gate.rows(action, 'r')) return new Set(ids);
  return new Set((await versionsInScope(db, runtime, gate, action, ids, options)).keys());
}

/** `idsInScope` with each row's version. */
async function versionsInScope(
  db: Kysely<any>,
  runtime: FormRuntime,
  gate: FormGate,
  action: RecordAction,
  ids: readonly string[],
  options: { lock?: boolean; state?: 'live' | 'deleted' | 'any' } = {},
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const condition = gate.rows(action, 'r');
  const table = sql.raw(qualified(runtime.model.schema, runtime.model.name));
  const state =
    options.state === 'live'
      ? sql` and r.deleted_at is null`
      : options.state === 'deleted'
        ? sql` and r.deleted_at is not null`
        : sql``;
  const result = await sql<{ id: string; version: number }>`select r.id, r.version from ${table} r
    where r.id = any(${[...ids]}::uuid[])${state}${condition ? sql` and ${condition}` : sql``}
    ${options.lock ? sql`for update of r` : sql``}`.execute(db);
  return new Map(result.rows.map((r) => [String(r.id), Number(r.version)]));
}

/** 404 (exactly like a missing id) unless the record is within the action's scope; locks it, returns its version. */
export async function lockInScope(
  trx: Kysely<any>,
  runtime: FormRuntime,
  gate: FormGate,
  action: RecordAction,
  id: string,
  state: 'live' | 'deleted',
): Promise<number> {
  const found = await versionsInScope(trx, runtime, gate, action, [id], { lock: true, state });
  const version = found.get(id);
  if (version === undefined) {
    const what = state === 'deleted' ? 'deleted record' : 'record';
    throw new RecordsError('RECORD_NOT_FOUND', `No ${what} ${id} in form ${runtime.definition.key}.`);
  }
  return version;
}

/** After a write: the row must still be within the writer's scope, else 403 (the caller rolls back). */
export async function assertStillInScope(
  trx: Kysely<any>,
  runtime: FormRuntime,
  gate: FormGate,
  action: RecordAction,
  id: string,
): Promise<void> {
  if (!gate.rows(action, 'r')) return;
  const found = await idsInScope(trx, runtime, gate, action, [id]);
  if (!found.has(id)) {
    throw RecordsError.denied(
      action === 'create'
        ? 'You may not create a record outside your scope; nothing was saved.'
        : 'The change would move the record out of your scope; nothing was saved.',
    );
  }
}

/**
 * Input keys the caller may not write: hidden fields always (whatever the value: comparing would
 * reveal it), read-only fields on create unless null. On update, read-only keys are returned for
 * `assertUnchanged` to check after the write (a value equal to the stored one passes). Row fields
 * of line items likewise (`items[0].unit_cost`); on update their read-only values are checked
 * against the stored rows by `keepLockedRowFields`.
 */
export function checkWriteInput(
  gate: FormGate,
  input: unknown,
  mode: 'create' | 'update',
): { readonly errors: FieldError[]; readonly readOnlyKeys: string[] } {
  const errors: FieldError[] = [];
  const readOnlyKeys: string[] = [];
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { errors, readOnlyKeys };
  for (const [key, value] of Object.entries(input as RecordValues)) {
    errors.push(...rowInputErrors(gate, key, value, mode));
    if (gate.hidden.has(key)) errors.push(fieldError(key, 'FIELD_HIDDEN'));
    else if (gate.readOnly.has(key)) {
      if (mode === 'update') readOnlyKeys.push(key);
      else if (value !== null && value !== undefined) errors.push(fieldError(key, 'FIELD_READ_ONLY_FOR_YOU'));
    }
  }
  return { errors, readOnlyKeys };
}

/**
 * An update's line-item rows completed with the stored values of the row fields the caller may
 * not write (rows sent back with their `id`); a read-only row field changed is refused (403).
 * The record is locked already (`lockInScope`).
 */
export async function keepRowFieldsOf(
  trx: Kysely<any>,
  runtime: FormRuntime,
  gate: FormGate,
  id: string,
  patch: unknown,
): Promise<unknown> {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const input = patch as RecordValues;
  const keys = [...rowFieldKeys(gate.readOnly).keys()].filter(
    (key) => runtime.lineItems.has(key) && Array.isArray(input[key]),
  );
  if (keys.length === 0) return patch;
  const stored: RecordValues = {};
  for (const key of keys) {
    stored[key] = (await selectLineItems(trx, runtime, key, [id])).get(id.toLowerCase()) ?? [];
  }
  const kept = keepLockedRowFields(gate, input, stored);
  if (kept.errors.length > 0) refuseFields(kept.errors);
  return kept.patch;
}

export function refuseFields(errors: readonly FieldError[]): never {
  throw RecordsError.denied('You may not write these fields; nothing was saved.', errors);
}

/** Fields the last write (versions after `before`) changed, from the record's history. */
export async function changedSince(
  trx: Kysely<any>,
  runtime: FormRuntime,
  id: string,
  before: number,
): Promise<Set<string>> {
  const result = await sql<{
    changes: Record<string, unknown> | string;
  }>`select changes from tessera.record_history
    where form_id = ${runtime.formId} and record_id = ${id}::uuid and version > ${before}`.execute(trx);
  const keys = new Set<string>();
  for (const row of result.rows) {
    const changes = typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes;
    for (const key of Object.keys(changes ?? {})) keys.add(key);
  }
  return keys;
}

/** A record without the fields hidden from the caller, its line-item rows without hidden row fields. */
export function maskRecord<T extends RecordValues>(record: T, hidden: ReadonlySet<string>): T {
  if (hidden.size === 0) return record;
  const inRows = rowFieldKeys(hidden);
  const out: RecordValues = {};
  for (const [key, value] of Object.entries(record)) {
    if (!hidden.has(key)) out[key] = withoutRowFields(value, inRows.get(key));
  }
  return out as T;
}
