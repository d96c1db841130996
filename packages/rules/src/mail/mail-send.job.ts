import { enqueue, systemTables } from '@tessera/store';
import { sql } from 'kysely';
import { backoffMs, type RulesDeps, retryPolicy } from '../rules-context';
import { MAIL_SEND_TASK } from './mail-outbox.repository';
import { smtpTransport } from './smtp.sender';

/**
 * Sends one queued e-mail over SMTP (nodemailer). The Message-ID is derived from the outbox id,
 * so a resend after a lost acknowledgement is recognisable. A failure is retried with backoff
 * (a new job at the backoff instant), then the mail is marked `dead`.
 */
export async function sendQueuedMail(
  deps: RulesDeps,
  mailId: number,
): Promise<'sent' | 'retry' | 'dead' | 'skipped'> {
  const { db, clock } = deps;
  const mail = await systemTables(db)
    .selectFrom('tessera.mail_outbox')
    .select(['status', 'to_name', 'to_address', 'subject', 'body', 'attempts'])
    .where('id', '=', mailId)
    .executeTakeFirst();
  if (mail?.status !== 'queued' || !deps.smtpUrl) return 'skipped';
  try {
    await smtpTransport(deps.smtpUrl).sendMail({
      from: deps.mailFrom ?? 'Tessera <no-reply@tessera.local>',
      to: mail.to_name ? { name: mail.to_name, address: mail.to_address } : mail.to_address,
      subject: mail.subject,
      text: mail.body,
      messageId: `<mail-${mailId}@tessera.local>`,
    });
    await sql`update tessera.mail_outbox set status = 'sent', sent_at = ${clock.now()}, attempts = attempts + 1
      where id = ${mailId}`.execute(db);
    return 'sent';
  } catch (error) {
    const policy = retryPolicy(deps);
    const attempts = Number(mail.attempts) + 1;
    const dead = attempts >= policy.maxAttempts;
    await db.transaction().execute(async (trx) => {
      await sql`update tessera.mail_outbox set attempts = ${attempts}, last_error = ${(error as Error).message},
        status = ${dead ? 'dead' : 'queued'} where id = ${mailId}`.execute(trx);
      if (!dead) {
        const runAt = new Date(clock.now().getTime() + backoffMs(policy, attempts));
        await enqueue(trx, MAIL_SEND_TASK, { mailId }, { runAt, jobKey: `${MAIL_SEND_TASK}:${mailId}` });
      }
    });
    return dead ? 'dead' : 'retry';
  }
}
