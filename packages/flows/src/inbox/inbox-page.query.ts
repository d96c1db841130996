import { type Kysely, type RawBuilder, sql } from 'kysely';
import { FlowError } from '../runner/flow.error';

export type InboxBox = 'todo' | 'done' | 'cc' | 'started';

/** How many items each box holds (the badge counts). */
export interface InboxCounts {
  readonly todo: number;
  readonly done: number;
  readonly cc: number;
  readonly started: number;
}

const DONE = ['approved', 'rejected', 'done', 'returned', 'transferred'];

/**
 * A page cursor: the last row's sort key — its time as Postgres prints it (microseconds and
 * offset, so it compares exactly) and its id — base64url JSON. Opaque to clients.
 */
export function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

/** A timestamptz as Postgres prints it: `2026-01-05 09:00:00.123456+00`. */
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2}){0,2}|Z)?$/;

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof at === 'string' &&
      PG_TIMESTAMP.test(at) &&
      typeof id === 'string' &&
      /^[0-9a-f-]{36}$/i.test(id)
    )
      return { at, id };
  } catch {
    // falls through to the error below
  }
  throw new FlowError('INVALID_CURSOR', 'This page cursor is not one the inbox handed out.');
}

/**
 * One page of a box, newest first, by keyset on (time, id): the order is stable while new items
 * arrive, and a page never repeats or skips an item that was there when paging began. Returns
 * `limit + 1` rows at most (the caller tells from the extra row that there is a next page).
 */
export async function inboxPage(
  db: Kysely<any>,
  userId: string,
  box: InboxBox,
  instanceCols: RawBuilder<unknown>,
  options: { limit: number; cursor?: string | undefined },
): Promise<Record<string, any>[]> {
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const keyset = (at: RawBuilder<unknown>, id: RawBuilder<unknown>) =>
    after ? sql`and (${at}, ${id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``;
  const take = options.limit + 1;
  switch (box) {
    case 'todo':
    case 'done': {
      const statuses = box === 'todo' ? ['open'] : DONE;
      const at = box === 'todo' ? sql`t.created_at` : sql`coalesce(t.completed_at, t.created_at)`;
      return (
        await sql<Record<string, any>>`
          select t.id as task_id, t.id as page_id, t.node_id, t.kind as task_kind, t.status, t.due_at, ${at} as at,
                 (${at})::text as page_at, ${instanceCols}
          from tessera.flow_tasks t join tessera.flow_instances i on i.id = t.instance_id
          where t.assignee_id = ${userId} and t.status = any(${statuses}::text[]) ${keyset(at, sql`t.id`)}
          order by ${at} desc, t.id desc limit ${take}`.execute(db)
      ).rows;
    }
    case 'cc':
      return (
        await sql<Record<string, any>>`
          select null as task_id, c.id as page_id, c.node_id, null as task_kind, 'cc' as status, null as due_at,
                 c.created_at as at, c.created_at::text as page_at, ${instanceCols}
          from tessera.flow_cc c join tessera.flow_instances i on i.id = c.instance_id
          where c.user_id = ${userId} ${keyset(sql`c.created_at`, sql`c.id`)}
          order by c.created_at desc, c.id desc limit ${take}`.execute(db)
      ).rows;
    case 'started':
      return (
        await sql<Record<string, any>>`
          select null as task_id, i.id as page_id, t.node_id, null as task_kind, i.status, null as due_at,
                 i.started_at as at, i.started_at::text as page_at, ${instanceCols}
          from tessera.flow_instances i
          -- where the request stands now (its waiting tokens' nodes; the inbox names a single one)
          left join lateral (select string_agg(distinct k.node_id, ',') as node_id from tessera.flow_tokens k
                             where k.instance_id = i.id) t on true
          where i.initiator_id = ${userId} ${keyset(sql`i.started_at`, sql`i.id`)}
          order by i.started_at desc, i.id desc limit ${take}`.execute(db)
      ).rows;
    default: {
      const never: never = box;
      throw new Error(`unknown box ${String(never)}`);
    }
  }
}

/** The number of items in each box, in one round trip. */
export async function inboxCounts(db: Kysely<any>, userId: string): Promise<InboxCounts> {
  const rows = await sql<Record<keyof InboxCounts, string | number>>`select
      (select count(*) from tessera.flow_tasks where assignee_id = ${userId} and status = 'open') as todo,
      (select count(*) from tessera.flow_tasks where assignee_id = ${userId} and status = any(${DONE}::text[])) as done,
      (select count(*) from tessera.flow_cc where user_id = ${userId}) as cc,
      (select count(*) from tessera.flow_instances where initiator_id = ${userId}) as started`.execute(db);
  const row = rows.rows[0]!;
  return {
    todo: Number(row.todo),
    done: Number(row.done),
    cc: Number(row.cc),
    started: Number(row.started),
  };
}
