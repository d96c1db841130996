import { insertNotification } from '@tessera/store';
import { renderLabel } from '../eval/template.renderer';
import { queueMail } from '../mail/mail-outbox.repository';
import { queueViaMessengers } from '../messaging/messenger-message.writer';
import { RulesError } from '../rules.error';
import type { ActionContext, ActionHandler, ActionOf } from './action-handler';
import { resolveRecipients } from './recipients.resolver';
import { secretFrom, sendSigned } from './signed-request';

type Notify = ActionOf<'notify'>;

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * A message on each channel: `in_app` → tessera.notifications (kind 'info'); `email` → the mail
 * outbox (sent over SMTP when configured), in the recipient's language; `sms` / `im` → the
 * messaging webhook adapter (a signed POST of { channel, to, text } to a gateway).
 */
export const notifyAction: ActionHandler<Notify> = {
  async send(ctx) {
    // Channels with a messenger (`via`) go through the message outbox, written by `apply`.
    const channels = ctx.action.channels.filter((c) => (c === 'sms' || c === 'im') && !ctx.action.via?.[c]);
    if (channels.length === 0) return;
    const adapter = ctx.deps.messaging;
    if (!adapter)
      throw new RulesError(
        'RULE_ACTION_FAILED',
        'no SMS/IM adapter is configured (TESSERA_MESSAGING_WEBHOOK_URL)',
      );
    const { users, addresses } = await resolveRecipients(
      ctx.deps.db,
      ctx.action.to,
      ctx.firing.data,
      ctx.firing.actorId,
    );
    const to = [...addresses.map((a) => a.address), ...users.map((u) => u.username)];
    if (to.length === 0) throw new RulesError('RULE_ACTION_FAILED', 'no recipient found for the message');
    for (const channel of channels) {
      await sendSigned(ctx.deps, {
        url: adapter.url,
        method: 'POST',
        body: {
          channel,
          to,
          text: renderLabel(ctx.action.body, users[0]?.locale ?? 'zh-CN', ctx.firing.data),
        },
        secret: secretFrom(ctx.deps, adapter.secretEnv),
        deliveryId: `rule-action-${ctx.actionId}-${channel}`,
        now: ctx.now,
      });
    }
  },

  async apply(trx, ctx: ActionContext<Notify>) {
    const { action, firing } = ctx;
    const wantsInApp = action.channels.includes('in_app');
    const wantsEmail = action.channels.includes('email');
    const viaMessengers = action.channels.some((c) => (c === 'sms' || c === 'im') && action.via?.[c]);
    if (!wantsInApp && !wantsEmail && !viaMessengers) return;
    const { users, addresses } = await resolveRecipients(trx, action.to, firing.data, firing.actorId);
    if (viaMessengers)
      await queueViaMessengers(
        trx,
        ctx,
        addresses.map((a) => a.address),
        users.map((u) => u.id),
      );
    if (!wantsInApp && !wantsEmail) return;
    if (users.length === 0 && addresses.length === 0)
      throw new RulesError('RULE_ACTION_FAILED', 'no recipient found');
    for (const user of users) {
      const data = { ...firing.data, recipient: user };
      const subject = renderLabel(action.subject ?? action.body, user.locale, data);
      const body = renderLabel(action.body, user.locale, data);
      if (wantsInApp) {
        await insertNotification(trx, {
          userId: user.id,
          kind: 'info',
          title: subject,
          body,
          link: { app: firing.app, form: firing.form, recordId: firing.recordId },
          ruleActionId: ctx.actionId,
          at: ctx.now,
        });
      }
      if (wantsEmail && user.email) {
        await queueMail(
          trx,
          {
            to: user.email,
            toName: user.displayName,
            locale: user.locale,
            subject,
            body,
            ruleActionId: ctx.actionId,
            at: ctx.now,
          },
          Boolean(ctx.deps.smtpUrl),
        );
      }
    }
    if (!wantsEmail) return;
    for (const a of addresses.filter((x) => EMAIL.test(x.address))) {
      const locale = 'zh-CN';
      await queueMail(
        trx,
        {
          to: a.address,
          toName: a.name ?? null,
          locale,
          subject: renderLabel(action.subject ?? action.body, locale, firing.data),
          body: renderLabel(action.body, locale, firing.data),
          ruleActionId: ctx.actionId,
          at: ctx.now,
        },
        Boolean(ctx.deps.smtpUrl),
      );
    }
  },
};
