import { createHmac } from 'node:crypto';
import type { Messenger } from '@tessera/schema';
import { jsonAnswer, type MessengerAdapter } from './messenger-adapter';

type AliyunSms = Extract<Messenger, { vendor: 'aliyun_sms' }>;

/** RFC 3986 encoding as Alibaba Cloud's RPC signature wants it (space %20, * %2A, ~ kept). */
export function aliyunEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Alibaba Cloud's RPC signature (SignatureVersion 1.0): base64(HMAC-SHA1(secret + "&",
 * "POST&%2F&" + encode(sorted, encoded "k=v" joined by "&"))).
 */
export function aliyunSignature(
  params: Readonly<Record<string, string>>,
  secret: string,
  method = 'POST',
): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${aliyunEncode(k)}=${aliyunEncode(params[k]!)}`)
    .join('&');
  const toSign = `${method}&${aliyunEncode('/')}&${aliyunEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(toSign).digest('base64');
}

/** Alibaba Cloud wants "2026-12-04T08:00:00Z": UTC, no milliseconds. */
function isoSeconds(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

/**
 * Alibaba Cloud SMS (dysmsapi SendSms, API version 2017-05-25): a form-encoded POST signed with
 * the AccessKey secret; the phone numbers joined by commas, the template parameters as JSON.
 * Answers `{ "Code": "OK", "BizId": … }`; any other Code fails (isv.BUSINESS_LIMIT_CONTROL…).
 */
export const aliyunSms: MessengerAdapter<AliyunSms> = {
  vendor: 'aliyun_sms',
  addressEnv: (m) => m.accessKeyIdEnv,
  build(messenger, message, env, { now, nonce }) {
    if (message.mobiles.length === 0) throw new Error('the SMS has no phone number to go to');
    const params: Record<string, string> = {
      AccessKeyId: env(messenger.accessKeyIdEnv),
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: message.mobiles.join(','),
      RegionId: messenger.regionId ?? 'cn-hangzhou',
      SignName: messenger.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: nonce,
      SignatureVersion: '1.0',
      TemplateCode: message.templateCode ?? messenger.templateCode,
      TemplateParam: JSON.stringify(message.params ?? { content: message.text }),
      Timestamp: isoSeconds(now),
      Version: '2017-05-25',
    };
    const signature = aliyunSignature(params, env(messenger.accessKeySecretEnv));
    const body = [...Object.entries(params), ['Signature', signature]]
      .map(([k, v]) => `${aliyunEncode(k!)}=${aliyunEncode(v!)}`)
      .join('&');
    return {
      url: messenger.endpoint ?? 'https://dysmsapi.aliyuncs.com/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    };
  },
  refusal(status, body) {
    const answer = jsonAnswer(body);
    if (answer && answer.Code !== 'OK')
      return `Alibaba Cloud SMS answered ${String(answer.Code)}: ${String(answer.Message)}`;
    if (status < 200 || status >= 300) return `Alibaba Cloud SMS answered HTTP ${status}`;
    if (!answer) return 'Alibaba Cloud SMS answered something other than JSON';
    return undefined;
  },
};
