import { type MovableClock, movableClock } from '@tessera/logic';
import type { FormDefinition } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import { publishForms as publishFormsAt } from '../../testing/publish-forms';
import { createRecordService, type RecordService } from '../record.service';

export const NOW = new Date('2026-03-09T10:00:00Z');

/** The test's clock (the movable one of @tessera/logic), from NOW by default. */
export const testClock = (start: Date = NOW): MovableClock => movableClock(start);

/** Publishes forms in order (creating the app), at NOW. */
export const publishForms = (db: Kysely<any>, app: string, forms: readonly FormDefinition[]) =>
  publishFormsAt(db, app, forms, { now: () => NOW });

/** A user row to act as (records point at tessera.users through created_by only by value). */
export async function addUser(db: Kysely<any>, username: string): Promise<string> {
  const r = await sql<{ id: string }>`insert into tessera.users (username, display_name, password_hash)
    values (${username}, ${username}, 'x') returning id`.execute(db);
  return r.rows[0]!.id;
}

export function records(db: Kysely<any>, actorId: string | null = null, clock = testClock()): RecordService {
  return createRecordService({ db, actor: { id: actorId }, clock });
}

/** The record.event jobs in the queue, oldest first. */
export async function recordEvents(db: Kysely<any>): Promise<Array<Record<string, any>>> {
  const r = await sql<{ payload: Record<string, any> }>`select j.payload from graphile_worker._private_jobs j
    join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'record.event' order by j.id`.execute(
    db,
  );
  return r.rows.map((row) => row.payload);
}

export async function countRows(db: Kysely<any>, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.raw(table)}`.execute(db);
  return Number(r.rows[0]!.n);
}
