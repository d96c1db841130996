import type { Messenger } from '@tessera/schema';
import type { OutboxMessage } from '@tessera/store';
import { jsonAnswer, type MessengerAdapter } from './messenger-adapter';

type WeCom = Extract<Messenger, { vendor: 'wecom' }>;

function markdownOf(m: OutboxMessage): string {
  const title = m.title && m.title !== m.text ? `**${m.title}**\n` : '';
  const links = m.format === 'card' ? m.buttons.map((b) => `\n[${b.title}](${b.url})`).join('') : '';
  const mentions = m.userIds.map((id) => `<@${id}>`).join(' ');
  return `${title}${m.text}${links}${mentions ? `\n${mentions}` : ''}`;
}

function payload(m: OutboxMessage): Record<string, unknown> {
  // WeCom's markdown cannot mention by mobile (mentioned_mobile_list is a text-message field):
  // a message that mentions mobiles, or asks for text, is a text message.
  if (m.format === 'text' || m.mobiles.length > 0 || m.mentionAll) {
    const content = m.title && m.title !== m.text ? `${m.title}\n${m.text}` : m.text;
    return {
      msgtype: 'text',
      text: {
        content,
        mentioned_list: [...m.userIds, ...(m.mentionAll ? ['@all'] : [])],
        mentioned_mobile_list: m.mobiles,
      },
    };
  }
  return { msgtype: 'markdown', markdown: { content: markdownOf(m) } };
}

/**
 * A WeCom group robot: POST JSON to the webhook address with its `key`. Answers
 * `{ "errcode": 0, "errmsg": "ok" }`; any other errcode fails (93000: invalid key…).
 */
export const weComRobot: MessengerAdapter<WeCom> = {
  vendor: 'wecom',
  addressEnv: (m) => m.webhookEnv,
  build(messenger, message, env) {
    return {
      url: env(messenger.webhookEnv),
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(payload(message)),
    };
  },
  refusal(status, body) {
    const answer = jsonAnswer(body);
    if (status < 200 || status >= 300) return `WeCom answered HTTP ${status}`;
    if (!answer) return 'WeCom answered something other than JSON';
    if (answer.errcode !== 0)
      return `WeCom answered errcode ${String(answer.errcode)}: ${String(answer.errmsg)}`;
    return undefined;
  },
};
