import { appSchemaName, ident, qualified } from '@tessera/forms';
import type { FormDefinition } from '@tessera/schema';
import { enqueue } from '@tessera/store';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { fieldOf } from '../model/form-meta.repository';
import { RulesError } from '../rules.error';

export const RECORD_EVENT_TASK = 'record.event';

export type RecordEventKind = 'created' | 'updated' | 'deleted' | 'restored';

/** The payload of a `record.event` job (the records engine's contract). */
export interface RecordEvent {
  readonly app: string;
  readonly form: string;
  readonly recordId: string;
  readonly kind: RecordEventKind;
  readonly changes: Readonly<Record<string, { readonly old: unknown; readonly new: unknown }>>;
  readonly actorId: string | null;
  readonly at: string;
}

function checkWritable(form: FormDefinition, values: Record<string, unknown>): void {
  for (const key of Object.keys(values)) {
    const field = fieldOf(form, key);
    if (!field || field.type === 'line_items' || field.type === 'lookup' || field.type === 'formula') {
      throw new RulesError('action_failed', `"${key}" is not a writable field of ${form.key}`);
    }
  }
}

/**
 * Updates the live records of `form` matching `where` (alias `t`) and enqueues a `record.event`
 * per changed record, in the caller's transaction — the same contract as the records engine,
 * so other rules and flows see rule-made changes. Returns the ids that changed.
 */
export async function updateRecords(
  trx: Kysely<any>,
  input: {
    app: string;
    form: FormDefinition;
    where: Expression<SqlBool>;
    values: Record<string, unknown>;
    actorId: string | null;
    at: Date;
  },
): Promise<string[]> {
  const { app, form, values, at } = input;
  checkWritable(form, values);
  const keys = Object.keys(values);
  if (keys.length === 0) return [];
  const table = sql.raw(`${qualified(appSchemaName(app), form.key)} t`);
  const columns = sql.raw(keys.map((k) => `t.${ident(k)}`).join(', '));
  const rows = await sql<Record<string, unknown>>`select t.id, ${columns} from ${table}
    where t.deleted_at is null and ${input.where} for update`.execute(trx);
  const changed: string[] = [];
  for (const row of rows.rows) {
    const changes: Record<string, { old: unknown; new: unknown }> = {};
    for (const key of keys) {
      const old = row[key] instanceof Date ? (row[key] as Date).toISOString() : row[key];
      if (String(old ?? '') !== String(values[key] ?? '')) changes[key] = { old, new: values[key] ?? null };
    }
    if (Object.keys(changes).length === 0) continue;
    const sets = keys.map((k) => sql`${sql.raw(ident(k))} = ${toParam(values[k])}`);
    await sql`update ${sql.raw(qualified(appSchemaName(app), form.key))}
      set ${sql.join(sets)}, updated_at = ${at}, updated_by = ${input.actorId}, version = version + 1
      where id = ${row.id}`.execute(trx);
    const id = String(row.id);
    changed.push(id);
    await enqueueEvent(trx, {
      app,
      form: form.key,
      recordId: id,
      kind: 'updated',
      changes,
      actorId: input.actorId,
      at: at.toISOString(),
    });
  }
  return changed;
}

/** Inserts a record and enqueues its `record.event` (created). Returns the new id. */
export async function createRecord(
  trx: Kysely<any>,
  input: {
    app: string;
    form: FormDefinition;
    values: Record<string, unknown>;
    actorId: string | null;
    at: Date;
  },
): Promise<string> {
  const { app, form, values, at } = input;
  checkWritable(form, values);
  const keys = Object.keys(values);
  const columns = sql.raw(
    ['created_at', 'created_by', 'updated_at', 'updated_by', ...keys].map(ident).join(', '),
  );
  const params = [at, input.actorId, at, input.actorId, ...keys.map((k) => toParam(values[k]))];
  const r = await sql<{
    id: string;
  }>`insert into ${sql.raw(qualified(appSchemaName(app), form.key))} (${columns})
    values (${sql.join(params.map((p) => sql`${p}`))}) returning id`.execute(trx);
  const id = String(r.rows[0]!.id);
  const changes = Object.fromEntries(keys.map((k) => [k, { old: null, new: values[k] ?? null }]));
  await enqueueEvent(trx, {
    app,
    form: form.key,
    recordId: id,
    kind: 'created',
    changes,
    actorId: input.actorId,
    at: at.toISOString(),
  });
  return id;
}

function toParam(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return JSON.stringify(value);
  return value ?? null;
}

async function enqueueEvent(trx: Kysely<any>, event: RecordEvent): Promise<void> {
  await enqueue(trx, RECORD_EVENT_TASK, event);
}
