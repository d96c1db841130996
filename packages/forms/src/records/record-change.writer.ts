import { enqueue } from '@tessera/store';
import { type Kysely, sql } from 'kysely';
import type { FormRuntime } from './form-runtime';

export type RecordEventKind = 'created' | 'updated' | 'deleted' | 'restored';

/** Changed fields, old → new, in API representation (line items as their rows). */
export type FieldChanges = Record<string, { readonly old: unknown; readonly new: unknown }>;

/** The payload of the `record.event` job, read by the rule and flow engines. */
export interface RecordEvent {
  readonly app: string;
  readonly form: string;
  readonly recordId: string;
  readonly kind: RecordEventKind;
  readonly version: number;
  readonly changes: FieldChanges;
  readonly actorId: string | null;
  readonly at: string;
}

export const RECORD_EVENT_TASK = 'record.event';

/**
 * One job for the `created` events of a bulk import chunk (record-import.runner): enqueueing one
 * `record.event` job per row costs the import as much as writing the rows. The worker expands it
 * (expandRecordEvents) into the very events single writes enqueue, read from the history rows the
 * same statement wrote, and hands each to the `record.event` handlers in order.
 */
export const RECORD_EVENT_BATCH_TASK = 'record.events';

/** The payload of a `record.events` job: the records a statement created, in order. */
export interface RecordEventBatch {
  readonly app: string;
  readonly form: string;
  readonly formId: string;
  readonly kind: 'created';
  readonly recordIds: readonly string[];
}

/**
 * Set to 'off' for one transaction (`set local`, see suppressRecordEvents) by writers of generated
 * data, so rules and flows do not react to it: history is still written, no event is enqueued.
 */
export const RECORD_EVENTS_SETTING = 'tessera.record_events';

/**
 * Writes the audit row (tessera.record_history) and enqueues the `record.event` job, both on the
 * caller's transaction: they exist if and only if the change committed. The history insert also
 * reads RECORD_EVENTS_SETTING (same round trip), and no event is enqueued when it is 'off'.
 */
export async function writeRecordChange(
  trx: Kysely<any>,
  runtime: FormRuntime,
  change: {
    recordId: string;
    kind: RecordEventKind;
    version: number;
    changes: FieldChanges;
    actorId: string | null;
    at: Date;
  },
): Promise<RecordEvent> {
  const history = await sql<{
    events: string | null;
  }>`insert into tessera.record_history (form_id, record_id, operation, version, changes, actor_id, at)
    values (${runtime.formId}, ${change.recordId}, ${change.kind}, ${change.version},
            ${JSON.stringify(change.changes)}::jsonb, ${change.actorId}, ${change.at})
    returning current_setting(${RECORD_EVENTS_SETTING}, true) as events`.execute(trx);
  const event: RecordEvent = {
    app: runtime.appKey,
    form: runtime.definition.key,
    recordId: change.recordId,
    kind: change.kind,
    version: change.version,
    changes: change.changes,
    actorId: change.actorId,
    at: change.at.toISOString(),
  };
  if (history.rows[0]?.events !== 'off') await enqueue(trx, RECORD_EVENT_TASK, event);
  return event;
}

/**
 * The `record.event` payloads a `record.events` job stands for, in the batch's order: each from
 * the record's `created` history row (its changes, actor and time), so the handlers see exactly
 * what a `record.event` job of a single create would carry.
 */
export async function expandRecordEvents(db: Kysely<any>, batch: RecordEventBatch): Promise<RecordEvent[]> {
  const result = await sql<{
    record_id: string;
    changes: FieldChanges | string;
    actor_id: string | null;
    at: Date | string;
  }>`select h.record_id, h.changes, h.actor_id, h.at
     from unnest(${batch.recordIds}::uuid[]) with ordinality as b(id, o)
     join tessera.record_history h on h.form_id = ${batch.formId}::uuid and h.record_id = b.id
       and h.operation = 'created'
     order by b.o`.execute(db);
  return result.rows.map((r) => ({
    app: batch.app,
    form: batch.form,
    recordId: r.record_id,
    kind: 'created',
    version: 1,
    changes: typeof r.changes === 'string' ? (JSON.parse(r.changes) as FieldChanges) : r.changes,
    actorId: r.actor_id,
    at: r.at instanceof Date ? r.at.toISOString() : new Date(r.at).toISOString(),
  }));
}

/** One entry of a record's history, oldest first. */
export interface HistoryEntry {
  readonly id: number;
  readonly operation: RecordEventKind;
  readonly version: number;
  readonly changes: FieldChanges;
  readonly actorId: string | null;
  readonly at: string;
}

export async function readHistory(
  db: Kysely<any>,
  formId: string,
  recordId: string,
): Promise<HistoryEntry[]> {
  const result = await sql<{
    id: number;
    operation: RecordEventKind;
    version: number;
    changes: FieldChanges | string;
    actor_id: string | null;
    at: Date;
  }>`select id, operation, version, changes, actor_id, at from tessera.record_history
     where form_id = ${formId} and record_id = ${recordId}::uuid order by id`.execute(db);
  return result.rows.map((r) => ({
    id: Number(r.id),
    operation: r.operation,
    version: Number(r.version),
    changes: typeof r.changes === 'string' ? (JSON.parse(r.changes) as FieldChanges) : r.changes,
    actorId: r.actor_id,
    at: r.at instanceof Date ? r.at.toISOString() : String(r.at),
  }));
}

/** Suppresses record events for the rest of the caller's transaction (generated data: no rules, no flows). */
export async function suppressRecordEvents(trx: Kysely<any>): Promise<void> {
  await sql`select set_config(${RECORD_EVENTS_SETTING}, 'off', true)`.execute(trx);
}
