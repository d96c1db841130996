import { systemTables } from '@tessera/store';
import { type Kysely, sql } from 'kysely';

// The writer lives in @tessera/store (the transactional outbox both engines write to).
export { MAIL_SEND_TASK, queueMail } from '@tessera/store';

export type MailStatus = 'held' | 'queued' | 'sent' | 'dead';

export interface OutboxMail {
  readonly id: number;
  readonly to: string;
  readonly toName: string | null;
  readonly locale: string;
  readonly subject: string;
  readonly body: string;
  readonly status: MailStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly sentAt: string | null;
}

/** The newest mails first; with `to`, only those to that address (case-insensitive). */
export async function listMail(
  db: Kysely<any>,
  options: { limit?: number; status?: MailStatus; to?: string } = {},
): Promise<OutboxMail[]> {
  let query = systemTables(db)
    .selectFrom('tessera.mail_outbox')
    .select([
      'id',
      'to_address',
      'to_name',
      'locale',
      'subject',
      'body',
      'status',
      'attempts',
      'last_error',
      'created_at',
      'sent_at',
    ])
    .orderBy('id', 'desc')
    .limit(options.limit ?? 100);
  if (options.status != null) query = query.where('status', '=', options.status);
  if (options.to != null) query = query.where(sql`lower(to_address)`, '=', sql<string>`lower(${options.to})`);
  const rows = await query.execute();
  return rows.map((m) => ({
    id: Number(m.id),
    to: m.to_address,
    toName: m.to_name,
    locale: m.locale,
    subject: m.subject,
    body: m.body,
    status: m.status as MailStatus,
    attempts: Number(m.attempts),
    lastError: m.last_error,
    createdAt: new Date(m.created_at).toISOString(),
    sentAt: m.sent_at ? new Date(m.sent_at).toISOString() : null,
  }));
}
