import { type Kysely, sql } from 'kysely';

export type NotificationKind = 'todo' | 'info';

export interface Notification {
  readonly id: number;
  readonly kind: NotificationKind;
  readonly title: string;
  readonly body: string | null;
  readonly link: {
    readonly app: string;
    readonly form: string | null;
    readonly recordId: string | null;
  } | null;
  readonly dueAt: string | null;
  readonly createdAt: string;
  readonly doneAt: string | null;
}

/** A user's notifications and to-dos, newest first; `open` leaves out the done ones. */
export async function listNotifications(
  db: Kysely<any>,
  userId: string,
  options: { status?: 'open' | 'done' | 'all'; kind?: NotificationKind; limit?: number } = {},
): Promise<Notification[]> {
  const status = options.status ?? 'open';
  const r = await sql<Record<string, any>>`select * from tessera.notifications
    where user_id = ${userId}
      and (${status} = 'all' or (${status} = 'open' and done_at is null) or (${status} = 'done' and done_at is not null))
      and (${options.kind ?? null}::text is null or kind = ${options.kind ?? null})
    order by id desc limit ${options.limit ?? 100}`.execute(db);
  return r.rows.map((n) => ({
    id: Number(n.id),
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.app_key ? { app: n.app_key, form: n.form_key, recordId: n.record_id } : null,
    dueAt: n.due_at ? new Date(n.due_at).toISOString() : null,
    createdAt: new Date(n.created_at).toISOString(),
    doneAt: n.done_at ? new Date(n.done_at).toISOString() : null,
  }));
}

/** Marks the user's own notification done; false when it is not theirs or does not exist. */
export async function markNotificationDone(
  db: Kysely<any>,
  userId: string,
  id: number,
  at: Date,
): Promise<boolean> {
  const r = await sql`update tessera.notifications set done_at = coalesce(done_at, ${at})
    where id = ${id} and user_id = ${userId} returning id`.execute(db);
  return r.rows.length > 0;
}
