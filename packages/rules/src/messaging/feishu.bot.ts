import { createHmac } from 'node:crypto';
import type { Messenger } from '@tessera/schema';
import type { OutboxMessage } from '@tessera/store';
import { jsonAnswer, type MessengerAdapter } from './messenger-adapter';

type Feishu = Extract<Messenger, { vendor: 'feishu' }>;

/** Feishu's bot signature: base64(HMAC-SHA256 keyed by "<timestamp s>\n<secret>" over nothing). */
export function feishuSign(secret: string, timestampS: string): string {
  return createHmac('sha256', `${timestampS}\n${secret}`).update('').digest('base64');
}

function ids(m: OutboxMessage): string[] {
  return [...m.userIds, ...(m.mentionAll ? ['all'] : [])];
}

function payload(m: OutboxMessage): Record<string, unknown> {
  switch (m.format) {
    case 'text':
      return {
        msg_type: 'text',
        content: { text: [m.text, ...ids(m).map((id) => `<at user_id="${id}"></at>`)].join(' ') },
      };
    case 'markdown': {
      const lines = m.text.split('\n').map((line) => [{ tag: 'text', text: line }]);
      const links = m.buttons.map((b) => [{ tag: 'a', text: b.title, href: b.url }]);
      const mentions = ids(m).map((id) => ({ tag: 'at', user_id: id }));
      return {
        msg_type: 'post',
        content: {
          post: {
            zh_cn: { title: m.title, content: [...lines, ...links, ...(mentions.length ? [mentions] : [])] },
          },
        },
      };
    }
    case 'card': {
      const mentions = ids(m)
        .map((id) => `<at id=${id}></at>`)
        .join(' ');
      const elements: unknown[] = [
        { tag: 'div', text: { tag: 'lark_md', content: mentions ? `${m.text}\n${mentions}` : m.text } },
      ];
      if (m.buttons.length)
        elements.push({
          tag: 'action',
          actions: m.buttons.map((b) => ({
            tag: 'button',
            text: { tag: 'plain_text', content: b.title },
            url: b.url,
            type: 'primary',
          })),
        });
      return {
        msg_type: 'interactive',
        card: { header: { title: { tag: 'plain_text', content: m.title } }, elements },
      };
    }
    default:
      throw new Error(`unknown message format ${String((m as { format: unknown }).format)}`);
  }
}

/**
 * A Feishu / Lark custom bot: POST JSON to the webhook; with a signing secret, `timestamp`
 * (seconds, as a string) and `sign` in the body. Answers `{ "code": 0 }` (older:
 * `{ "StatusCode": 0 }`); any other code fails (19021: bad signature…). Mentions by user id only.
 */
export const feishuBot: MessengerAdapter<Feishu> = {
  vendor: 'feishu',
  addressEnv: (m) => m.webhookEnv,
  build(messenger, message, env, { now }) {
    const body = payload(message);
    if (messenger.secretEnv) {
      const timestamp = String(Math.floor(now.getTime() / 1000));
      Object.assign(body, { timestamp, sign: feishuSign(env(messenger.secretEnv), timestamp) });
    }
    return {
      url: env(messenger.webhookEnv),
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
    };
  },
  refusal(status, body) {
    const answer = jsonAnswer(body);
    if (status < 200 || status >= 300) return `Feishu answered HTTP ${status}`;
    if (!answer) return 'Feishu answered something other than JSON';
    const code = answer.code ?? answer.StatusCode;
    if (code !== 0)
      return `Feishu answered code ${String(code)}: ${String(answer.msg ?? answer.StatusMessage)}`;
    return undefined;
  },
};
