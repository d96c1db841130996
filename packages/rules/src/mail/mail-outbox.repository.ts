import { enqueue } from '@tessera/store';
import { type Kysely, sql } from 'kysely';

export const MAIL_SEND_TASK = 'mail.send';

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

/**
 * Puts an e-mail in tessera.mail_outbox in the caller's transaction: `queued` with a `mail.send`
 * job when SMTP is configured, else `held` (readable through the API — the embedded default).
 */
export async function queueMail(
  trx: Kysely<any>,
  mail: {
    to: string;
    toName?: string | null;
    locale: string;
    subject: string;
    body: string;
    ruleActionId?: number;
    at: Date;
  },
  smtpConfigured: boolean,
): Promise<number> {
  const r = await sql<{ id: number }>`insert into tessera.mail_outbox
    (to_address, to_name, locale, subject, body, status, rule_action_id, created_at)
    values (${mail.to}, ${mail.toName ?? null}, ${mail.locale}, ${mail.subject}, ${mail.body},
      ${smtpConfigured ? 'queued' : 'held'}, ${mail.ruleActionId ?? null}, ${mail.at}) returning id`.execute(
    trx,
  );
  const id = Number(r.rows[0]!.id);
  if (smtpConfigured)
    await enqueue(trx, MAIL_SEND_TASK, { mailId: id }, { jobKey: `${MAIL_SEND_TASK}:${id}` });
  return id;
}

/** The newest mails first. */
export async function listMail(
  db: Kysely<any>,
  options: { limit?: number; status?: MailStatus } = {},
): Promise<OutboxMail[]> {
  const r = await sql<Record<string, any>>`select * from tessera.mail_outbox
    where (${options.status ?? null}::text is null or status = ${options.status ?? null})
    order by id desc limit ${options.limit ?? 100}`.execute(db);
  return r.rows.map((m) => ({
    id: Number(m.id),
    to: m.to_address,
    toName: m.to_name,
    locale: m.locale,
    subject: m.subject,
    body: m.body,
    status: m.status,
    attempts: Number(m.attempts),
    lastError: m.last_error,
    createdAt: new Date(m.created_at).toISOString(),
    sentAt: m.sent_at ? new Date(m.sent_at).toISOString() : null,
  }));
}
