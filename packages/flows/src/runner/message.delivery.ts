import { insertNotification, queueMail } from '@tessera/store';
import { type Kysely, sql } from 'kysely';
import type { LocalText } from './flow-messages';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export interface FlowMessage {
  /** in_app → tessera.notifications; email → the mail outbox (users with an address, and addresses). */
  readonly channels: readonly string[];
  readonly userIds: readonly string[];
  readonly addresses?: readonly string[];
  /** null: the body is the subject too. */
  readonly subject: LocalText | null;
  readonly body: LocalText;
  readonly link: { readonly app: string; readonly form: string; readonly recordId: string | null };
  readonly at: Date;
}

function pick(text: LocalText, locale: string): string {
  return text[locale] ?? text['zh-CN'] ?? text.en ?? Object.values(text)[0] ?? '';
}

/**
 * Delivers a flow's message through the platform's channels, on the step's transaction (so it
 * exists if and only if the step commits): an in-app notification per user, and an e-mail in
 * the mail outbox for each user with an address, in the user's language (the same writers as
 * the rules engine, from @tessera/store). Inactive users get nothing.
 */
export async function deliverMessage(
  trx: Kysely<any>,
  message: FlowMessage,
  options: { smtpConfigured: boolean },
): Promise<void> {
  const inApp = message.channels.includes('in_app');
  const email = message.channels.includes('email');
  if (!inApp && !email) return;
  const ids = [...new Set(message.userIds)];
  const users =
    ids.length === 0
      ? []
      : (
          await sql<{ id: string; display_name: string; email: string | null; locale: string }>`
            select id, display_name, email, locale from tessera.users
            where id::text = any(${ids}::text[]) and status = 'active' order by username`.execute(trx)
        ).rows;
  for (const user of users) {
    const body = pick(message.body, user.locale);
    const subject = message.subject ? pick(message.subject, user.locale) : body;
    if (inApp)
      await insertNotification(trx, {
        userId: user.id,
        kind: 'info',
        title: subject,
        body: message.subject ? body : null,
        link: message.link,
        at: message.at,
      });
    if (email && user.email && EMAIL.test(user.email))
      await queueMail(
        trx,
        { to: user.email, toName: user.display_name, locale: user.locale, subject, body, at: message.at },
        options.smtpConfigured,
      );
  }
  if (!email) return;
  for (const address of new Set(message.addresses ?? [])) {
    if (!EMAIL.test(address)) continue;
    const body = pick(message.body, 'zh-CN');
    await queueMail(
      trx,
      {
        to: address,
        locale: 'zh-CN',
        subject: message.subject ? pick(message.subject, 'zh-CN') : body,
        body,
        at: message.at,
      },
      options.smtpConfigured,
    );
  }
}
