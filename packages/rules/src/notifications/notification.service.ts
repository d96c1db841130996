import { systemTables } from '@tessera/store';
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
  let query = systemTables(db)
    .selectFrom('tessera.notifications')
    .select([
      'id',
      'kind',
      'title',
      'body',
      'app_key',
      'form_key',
      'record_id',
      'due_at',
      'created_at',
      'done_at',
    ])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(options.limit ?? 100);
  if (status === 'open') query = query.where('done_at', 'is', null);
  if (status === 'done') query = query.where('done_at', 'is not', null);
  if (options.kind != null) query = query.where('kind', '=', options.kind);
  const rows = await query.execute();
  return rows.map((n) => ({
    id: Number(n.id),
    kind: n.kind as NotificationKind,
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
