import { createHmac } from 'node:crypto';
import type { Messenger } from '@tessera/schema';
import type { OutboxMessage } from '@tessera/store';
import { jsonAnswer, type MessengerAdapter, withQuery } from './messenger-adapter';

type DingTalk = Extract<Messenger, { vendor: 'dingtalk' }>;

/** DingTalk's robot signature: base64(HMAC-SHA256(secret, "<timestamp ms>\n<secret>")). */
export function dingTalkSign(secret: string, timestampMs: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** DingTalk highlights a mention only when "@<mobile or userId>" is in the text too. */
function mentionLine(m: OutboxMessage): string {
  const names = [...m.mobiles, ...m.userIds].map((x) => `@${x}`);
  return names.length ? `\n\n${names.join(' ')}` : '';
}

function payload(m: OutboxMessage): Record<string, unknown> {
  const at = { atMobiles: m.mobiles, atUserIds: m.userIds, isAtAll: m.mentionAll };
  switch (m.format) {
    case 'text':
      return { msgtype: 'text', text: { content: `${m.text}${mentionLine(m)}` }, at };
    case 'markdown':
      return { msgtype: 'markdown', markdown: { title: m.title, text: `${m.text}${mentionLine(m)}` }, at };
    case 'card': {
      // An actionCard has no mentions; one button is the "single" form, several are `btns`.
      const [only, ...more] = m.buttons;
      const buttons =
        only && more.length === 0
          ? { singleTitle: only.title, singleURL: only.url }
          : { btnOrientation: '0', btns: m.buttons.map((b) => ({ title: b.title, actionURL: b.url })) };
      return { msgtype: 'actionCard', actionCard: { title: m.title, text: m.text, ...buttons } };
    }
    default:
      throw new Error(`unknown message format ${String((m as { format: unknown }).format)}`);
  }
}

/**
 * A DingTalk group robot: POST JSON to the webhook; with a signing secret, `timestamp` (ms) and
 * `sign` query parameters. Answers `{ "errcode": 0, "errmsg": "ok" }`; any other errcode fails.
 */
export const dingTalkRobot: MessengerAdapter<DingTalk> = {
  vendor: 'dingtalk',
  addressEnv: (m) => m.webhookEnv,
  build(messenger, message, env, { now }) {
    let url = env(messenger.webhookEnv);
    if (messenger.secretEnv) {
      const timestamp = String(now.getTime());
      url = withQuery(url, { timestamp, sign: dingTalkSign(env(messenger.secretEnv), timestamp) });
    }
    return {
      url,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(payload(message)),
    };
  },
  refusal(status, body) {
    const answer = jsonAnswer(body);
    if (status < 200 || status >= 300) return `DingTalk answered HTTP ${status}`;
    if (!answer) return 'DingTalk answered something other than JSON';
    if (answer.errcode !== 0)
      return `DingTalk answered errcode ${String(answer.errcode)}: ${String(answer.errmsg)}`;
    return undefined;
  },
};
