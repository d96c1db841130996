import { type Kysely, sql } from 'kysely';
import { enqueue } from '../queue/job-queue';

/** The job that sends one queued e-mail (handled by the rules engine's SMTP sender). */
export const MAIL_SEND_TASK = 'mail.send';

export interface MailInput {
  readonly to: string;
  readonly toName?: string | null;
  readonly locale: string;
  readonly subject: string;
  readonly body: string;
  /** The rule action that wrote it (rules engine). */
  readonly ruleActionId?: number;
  readonly at: Date;
}

/**
 * Puts an e-mail in tessera.mail_outbox in the caller's transaction (the transactional outbox):
 * `queued` with a `mail.send` job when SMTP is configured, else `held` (readable through the
 * API — the embedded default). Shared by the engines that send mail.
 */
export async function queueMail(trx: Kysely<any>, mail: MailInput, smtpConfigured: boolean): Promise<number> {
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
