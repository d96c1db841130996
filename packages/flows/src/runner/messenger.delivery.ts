import { MESSENGER_CHANNEL } from '@tessera/schema';
import {
  type OutboxMessage,
  phoneNumbersOf,
  queueMessage,
  readAppMessenger,
  titleOf,
  userContactsFor,
} from '@tessera/store';
import type { FlowCommand } from '../core/flow-command';
import type { CommandEnv } from './command.executor';

type Notify = Extract<FlowCommand, { type: 'notify' }>;

/** Messages to groups and customers are written in the app's first language. */
const LOCALE = 'zh-CN';

function pick(text: Readonly<Record<string, string>>): string {
  return text[LOCALE] ?? text.en ?? Object.values(text)[0] ?? '';
}

/**
 * The `im` / `sms` channels of a notify step that name a messenger (`via`): one message each in
 * tessera.message_outbox, on the step's transaction (sent by the `message.send` job, retried,
 * then dead-lettered). Phone numbers among the addresses are @-mentioned (IM) or the
 * destinations (SMS); so are users among the recipients — by their id in the vendor when the org
 * directory has one, else by their mobile. A messenger the app lacks, or an SMS without a number, is a timeline line
 * (`message-refused`) rather than a failed step: pack validation refuses the first beforehand.
 */
export async function queueStepMessages(
  env: CommandEnv,
  c: Notify,
  addresses: readonly string[],
  users: readonly string[] = [],
): Promise<ReadonlySet<string>> {
  const handled = new Set<string>();
  for (const channel of ['im', 'sms'] as const) {
    const key = c.via?.[channel];
    if (!key || !c.channels.includes(channel)) continue;
    handled.add(channel);
    const refuse = (reason: string) =>
      env.note({
        at: env.at.toISOString(),
        kind: 'message-refused',
        nodeId: c.nodeId,
        detail: { channel, messenger: key, reason },
      });
    const messenger = await readAppMessenger(env.trx, env.ref.appKey, key);
    if (!messenger) {
      refuse(`the app has no messenger "${key}" (pack.json "messaging")`);
      continue;
    }
    if (MESSENGER_CHANNEL[messenger.vendor] !== channel) {
      refuse(`messenger "${key}" (${messenger.vendor}) does not send ${channel}`);
      continue;
    }
    const contacts = await userContactsFor(env.trx, users, messenger.vendor);
    const mobiles = phoneNumbersOf([...addresses, ...contacts.mobiles]);
    if (channel === 'sms' && mobiles.length === 0) {
      refuse('no phone number among the recipients of the SMS');
      continue;
    }
    const text = pick(c.body);
    const message: OutboxMessage = {
      format: channel === 'im' ? (c.im?.format ?? 'markdown') : 'text',
      title: titleOf(c.subject ? pick(c.subject) : null, text),
      text,
      mobiles,
      userIds: [...new Set([...(c.im?.mentionUserIds ?? []), ...contacts.userIds].filter(Boolean))],
      mentionAll: c.im?.mentionAll ?? false,
      buttons: (c.im?.buttons ?? []).map((b) => ({ title: pick(b.title), url: b.url })),
      ...(c.sms?.templateCode ? { templateCode: c.sms.templateCode } : {}),
      ...(c.sms?.params ? { params: c.sms.params } : {}),
    };
    const id = await queueMessage(env.trx, {
      appKey: env.ref.appKey,
      channel,
      messengerKey: key,
      messenger,
      message,
      flowInstanceId: env.instanceId,
      at: env.at,
    });
    env.note({
      at: env.at.toISOString(),
      kind: 'message-queued',
      nodeId: c.nodeId,
      detail: { channel, messenger: key, vendor: messenger.vendor, messageId: id },
    });
  }
  return handled;
}
