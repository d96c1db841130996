import { MESSENGER_CHANNEL } from '@tessera/schema';
import {
  type OutboxMessage,
  phoneNumbersOf,
  queueMessage,
  readAppMessenger,
  titleOf,
  userContactsFor,
} from '@tessera/store';
import type { Kysely } from 'kysely';
import type { ActionContext, ActionOf } from '../actions/action-handler';
import { renderLabel, renderTemplate } from '../eval/template.renderer';
import { RulesError } from '../rules.error';

/** Messages to groups and customers are written in the app's first language. */
const LOCALE = 'zh-CN';

/**
 * The `im` / `sms` channels of a notify action that name a messenger (`via`): one message each
 * in tessera.message_outbox, in the transaction that marks the action done — exactly once per
 * firing. Users among the recipients are @-mentioned by their id in the vendor, else by their
 * mobile, and get an SMS at their mobile (the org directory). An unknown messenger, or one of the wrong kind, fails the action (retried, then a dead
 * letter with the reason); an SMS without a phone number among the recipients too.
 */
export async function queueViaMessengers(
  trx: Kysely<any>,
  ctx: ActionContext<ActionOf<'notify'>>,
  addresses: readonly string[],
  users: readonly string[] = [],
): Promise<void> {
  const { action, firing } = ctx;
  const data = firing.data;
  for (const channel of ['im', 'sms'] as const) {
    const key = action.via?.[channel];
    if (!key || !action.channels.includes(channel)) continue;
    const messenger = await readAppMessenger(trx, firing.app, key);
    if (!messenger)
      throw new RulesError('RULE_ACTION_FAILED', `the app has no messenger "${key}" (pack.json "messaging")`);
    if (MESSENGER_CHANNEL[messenger.vendor] !== channel)
      throw new RulesError(
        'RULE_ACTION_FAILED',
        `messenger "${key}" (${messenger.vendor}) does not send ${channel}`,
      );
    const contacts = await userContactsFor(trx, users, messenger.vendor);
    const mobiles = phoneNumbersOf([...addresses, ...contacts.mobiles]);
    if (channel === 'sms' && mobiles.length === 0)
      throw new RulesError('RULE_ACTION_FAILED', 'no phone number among the recipients of the SMS');
    const mentioned = (action.im?.mentionUserIds ?? []).map((t) => renderTemplate(t, data).trim());
    const text = renderLabel(action.body, LOCALE, data);
    const params = action.sms?.params;
    const message: OutboxMessage = {
      format: channel === 'im' ? (action.im?.format ?? 'markdown') : 'text',
      title: titleOf(action.subject ? renderLabel(action.subject, LOCALE, data) : null, text),
      text,
      mobiles,
      userIds: [...new Set([...mentioned, ...contacts.userIds].filter(Boolean))],
      mentionAll: action.im?.mentionAll ?? false,
      buttons: (action.im?.buttons ?? []).map((b) => ({
        title: renderLabel(b.title, LOCALE, data),
        url: renderTemplate(b.url, data),
      })),
      ...(action.sms?.templateCode ? { templateCode: action.sms.templateCode } : {}),
      ...(params
        ? { params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, renderTemplate(v, data)])) }
        : {}),
    };
    await queueMessage(trx, {
      appKey: firing.app,
      channel,
      messengerKey: key,
      messenger,
      message,
      ruleActionId: ctx.actionId,
      at: ctx.now,
    });
  }
}
