import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local stand-ins for the vendors' HTTP APIs, for tests. Each checks what its vendor documents —
 * the signature (computed here independently of the adapters), the address's token/key and the
 * payload's shape — and answers as the vendor does: a bad signature or shape is refused with the
 * vendor's error code (HTTP 200, `errcode` ≠ 0), and only accepted messages are kept.
 */
export type FakeVendor = 'dingtalk' | 'wecom' | 'feishu' | 'aliyun_sms';

export interface FakeMessage {
  readonly vendor: FakeVendor;
  /** The JSON body (IM) or the form parameters (SMS). */
  readonly body: any;
  readonly query: Readonly<Record<string, string>>;
}

export interface FakeRefusal {
  readonly vendor: FakeVendor;
  readonly reason: string;
}

export interface FakeVendors {
  readonly dingtalkUrl: string;
  readonly wecomUrl: string;
  readonly feishuUrl: string;
  readonly smsUrl: string;
  readonly secrets: {
    readonly dingtalk: string;
    readonly feishu: string;
    readonly aliyunKeyId: string;
    readonly aliyunKeySecret: string;
  };
  /** Every accepted message, in order. */
  readonly messages: FakeMessage[];
  /** Every refused request and why. */
  readonly refusals: FakeRefusal[];
  /** The next `count` well-formed requests to `vendor` are refused as rate-limited. */
  throttle(vendor: FakeVendor, count: number): void;
  close(): Promise<void>;
}

const DINGTALK_TOKEN = 'fake-dingtalk-access-token';
const WECOM_KEY = 'fake-wecom-key-0f3c';
const FEISHU_HOOK = 'fake-feishu-hook-7a1e';

const equal = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const isStrings = (v: unknown) =>
  v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
const nonEmpty = (v: unknown) => typeof v === 'string' && v.length > 0;

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** DingTalk: https://open.dingtalk.com/document/robots/customize-robot-security-settings */
function dingTalkProblem(
  query: Record<string, string>,
  body: any,
  secret: string,
  nowMs: number,
): string | undefined {
  if (query.access_token !== DINGTALK_TOKEN) return '300001 token is not exist';
  const { timestamp, sign } = query;
  if (!timestamp || !sign) return '310000 sign not match (missing timestamp or sign)';
  if (Math.abs(nowMs - Number(timestamp)) > 3_600_000) return '310000 timestamp is more than one hour off';
  const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  if (!equal(sign, expected)) return '310000 sign not match';
  switch (body?.msgtype) {
    case 'text':
      if (!nonEmpty(body.text?.content)) return '40035 text.content missing';
      break;
    case 'markdown':
      if (!nonEmpty(body.markdown?.title) || !nonEmpty(body.markdown?.text))
        return '40035 markdown.title/text missing';
      break;
    case 'actionCard': {
      const c = body.actionCard;
      if (!nonEmpty(c?.title) || !nonEmpty(c?.text)) return '40035 actionCard.title/text missing';
      const single = nonEmpty(c.singleTitle) && nonEmpty(c.singleURL);
      const several =
        Array.isArray(c.btns) && c.btns.every((b: any) => nonEmpty(b.title) && nonEmpty(b.actionURL));
      if (!single && !several) return '40035 actionCard needs singleTitle/singleURL or btns';
      break;
    }
    default:
      return `40035 unknown msgtype ${String(body?.msgtype)}`;
  }
  if (body.at && (!isStrings(body.at.atMobiles) || !isStrings(body.at.atUserIds))) return '40035 bad at';
  return undefined;
}

/** WeCom: https://developer.work.weixin.qq.com/document/path/91770 */
function weComProblem(query: Record<string, string>, body: any): string | undefined {
  if (query.key !== WECOM_KEY) return '93000 invalid webhook url';
  switch (body?.msgtype) {
    case 'text':
      if (!nonEmpty(body.text?.content)) return '44004 text content is empty';
      if (!isStrings(body.text.mentioned_list) || !isStrings(body.text.mentioned_mobile_list))
        return '40058 bad mentioned list';
      break;
    case 'markdown':
      if (!nonEmpty(body.markdown?.content)) return '44004 markdown content is empty';
      if (Buffer.byteLength(body.markdown.content) > 4096) return '40058 markdown content exceed max length';
      break;
    default:
      return `40008 invalid message type ${String(body?.msgtype)}`;
  }
  return undefined;
}

/** Feishu: https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot */
function feishuProblem(body: any, secret: string, nowMs: number): string | undefined {
  const { timestamp, sign } = body ?? {};
  if (typeof timestamp !== 'string' || typeof sign !== 'string') return '19021 sign match fail (missing)';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > 3600) return '19021 timestamp is not within one hour';
  const expected = createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
  if (!equal(sign, expected))
    return '19021 sign match fail or timestamp is not within one hour from current time';
  switch (body.msg_type) {
    case 'text':
      if (!nonEmpty(body.content?.text)) return '9499 content.text missing';
      break;
    case 'post': {
      const post = body.content?.post;
      const lang = post && (post.zh_cn ?? post.en_us);
      if (!lang || !Array.isArray(lang.content) || !lang.content.every((p: unknown) => Array.isArray(p)))
        return '9499 post content must be paragraphs of elements';
      break;
    }
    case 'interactive':
      if (!body.card || !Array.isArray(body.card.elements)) return '9499 card.elements missing';
      break;
    default:
      return `9499 unknown msg_type ${String(body.msg_type)}`;
  }
  return undefined;
}

/** Alibaba Cloud RPC signature: https://help.aliyun.com/zh/sdk/product-overview/rpc-mechanism */
function aliyunProblem(
  params: Record<string, string>,
  keyId: string,
  keySecret: string,
  nonces: Set<string>,
): { code: string; message: string } | undefined {
  const enc = (s: string) =>
    encodeURIComponent(s)
      .replace(/!/g, '%21')
      .replace(/'/g, '%27')
      .replace(/\(/g, '%28')
      .replace(/\)/g, '%29')
      .replace(/\*/g, '%2A');
  if (params.AccessKeyId !== keyId)
    return { code: 'InvalidAccessKeyId.NotFound', message: 'Specified access key is not found.' };
  const { Signature, ...rest } = params;
  const canonical = Object.keys(rest)
    .sort()
    .map((k) => `${enc(k)}=${enc(rest[k]!)}`)
    .join('&');
  const expected = createHmac('sha1', `${keySecret}&`)
    .update(`POST&${enc('/')}&${enc(canonical)}`)
    .digest('base64');
  if (!Signature || !equal(Signature, expected))
    return {
      code: 'SignatureDoesNotMatch',
      message: 'Specified signature is not matched with our calculation.',
    };
  if (!params.SignatureNonce || nonces.has(params.SignatureNonce))
    return { code: 'SignatureNonceUsed', message: 'Specified signature nonce was used already.' };
  nonces.add(params.SignatureNonce);
  if (params.Action !== 'SendSms' || params.Version !== '2017-05-25')
    return { code: 'InvalidAction', message: 'bad action' };
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(params.Timestamp ?? ''))
    return {
      code: 'InvalidTimeStamp.Format',
      message: 'Specified time stamp does not matched the specified format.',
    };
  if (!params.PhoneNumbers?.split(',').every((p) => /^\+?\d{5,}$/.test(p)))
    return { code: 'isv.MOBILE_NUMBER_ILLEGAL', message: 'bad phone numbers' };
  if (!params.SignName || !params.TemplateCode)
    return { code: 'isv.SMS_SIGNATURE_ILLEGAL', message: 'sign name / template missing' };
  try {
    JSON.parse(params.TemplateParam ?? '{}');
  } catch {
    return { code: 'isv.INVALID_JSON_PARAM', message: 'TemplateParam is not JSON' };
  }
  return undefined;
}

/** Starts the fakes on 127.0.0.1 (a random port); `now` is the clock the signatures' timestamps are checked against. */
export async function startFakeVendors(options: { now?: () => Date } = {}): Promise<FakeVendors> {
  const now = options.now ?? (() => new Date());
  const secrets = {
    dingtalk: 'SECfake0dingtalk0secret0b7d2a9e',
    feishu: 'fake-feishu-secret-41cc',
    aliyunKeyId: 'LTAIfakeKeyId',
    aliyunKeySecret: 'fakeAccessKeySecret',
  };
  const messages: FakeMessage[] = [];
  const refusals: FakeRefusal[] = [];
  const throttled: Partial<Record<FakeVendor, number>> = {};
  const nonces = new Set<string>();
  const throttle = (vendor: FakeVendor): boolean => {
    const left = throttled[vendor] ?? 0;
    if (left <= 0) return false;
    throttled[vendor] = left - 1;
    return true;
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    const text = await read(req);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const refuse = (vendor: FakeVendor, reason: string) => refusals.push({ vendor, reason });
    let body: any;
    try {
      body = url.pathname === '/sms/' ? Object.fromEntries(new URLSearchParams(text)) : JSON.parse(text);
    } catch {
      return json(400, { errcode: 40035, errmsg: 'invalid json' });
    }
    if (req.method !== 'POST') return json(405, { errcode: 43004, errmsg: 'require POST method' });
    if (url.pathname === '/robot/send') {
      const problem = dingTalkProblem(query, body, secrets.dingtalk, now().getTime());
      if (problem) {
        refuse('dingtalk', problem);
        return json(200, { errcode: Number(problem.split(' ')[0]), errmsg: problem });
      }
      if (throttle('dingtalk')) {
        refuse('dingtalk', '130101 send too fast');
        return json(200, { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' });
      }
      messages.push({ vendor: 'dingtalk', body, query });
      return json(200, { errcode: 0, errmsg: 'ok' });
    }
    if (url.pathname === '/cgi-bin/webhook/send') {
      const problem = weComProblem(query, body);
      if (problem) {
        refuse('wecom', problem);
        return json(200, { errcode: Number(problem.split(' ')[0]), errmsg: problem });
      }
      if (throttle('wecom')) {
        refuse('wecom', '45009 api freq out of limit');
        return json(200, { errcode: 45009, errmsg: 'api freq out of limit' });
      }
      messages.push({ vendor: 'wecom', body, query });
      return json(200, { errcode: 0, errmsg: 'ok' });
    }
    if (url.pathname === `/open-apis/bot/v2/hook/${FEISHU_HOOK}`) {
      const problem = feishuProblem(body, secrets.feishu, now().getTime());
      if (problem) {
        refuse('feishu', problem);
        return json(200, { code: Number(problem.split(' ')[0]), msg: problem, data: {} });
      }
      if (throttle('feishu')) {
        refuse('feishu', '9499 too many request');
        return json(200, { code: 9499, msg: 'too many request', data: {} });
      }
      messages.push({ vendor: 'feishu', body, query });
      return json(200, { code: 0, msg: 'success', data: {} });
    }
    if (url.pathname === '/sms/') {
      const problem = aliyunProblem(body, secrets.aliyunKeyId, secrets.aliyunKeySecret, nonces);
      if (problem) {
        refuse('aliyun_sms', `${problem.code}: ${problem.message}`);
        return json(problem.code === 'SignatureDoesNotMatch' ? 400 : 200, {
          ...problem,
          Code: problem.code,
          Message: problem.message,
          RequestId: 'fake',
        });
      }
      if (throttle('aliyun_sms')) {
        refuse('aliyun_sms', 'isv.BUSINESS_LIMIT_CONTROL');
        return json(200, {
          Code: 'isv.BUSINESS_LIMIT_CONTROL',
          Message: '触发分钟级流控Permits:1',
          RequestId: 'fake',
        });
      }
      messages.push({ vendor: 'aliyun_sms', body, query });
      return json(200, { Code: 'OK', Message: 'OK', BizId: `biz-${messages.length}`, RequestId: 'fake' });
    }
    return json(404, { errcode: 404, errmsg: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    dingtalkUrl: `${base}/robot/send?access_token=${DINGTALK_TOKEN}`,
    wecomUrl: `${base}/cgi-bin/webhook/send?key=${WECOM_KEY}`,
    feishuUrl: `${base}/open-apis/bot/v2/hook/${FEISHU_HOOK}`,
    smsUrl: `${base}/sms/`,
    secrets,
    messages,
    refusals,
    throttle(vendor, count) {
      throttled[vendor] = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The environment a test gives the engine so the fakes are the vendors (see the messengers in its pack). */
export function fakeVendorEnv(
  fakes: FakeVendors,
  names: {
    dingtalk?: { webhookEnv: string; secretEnv: string };
    wecom?: { webhookEnv: string };
    feishu?: { webhookEnv: string; secretEnv: string };
    sms?: { accessKeyIdEnv: string; accessKeySecretEnv: string };
  },
): Record<string, string> {
  return {
    ...(names.dingtalk
      ? { [names.dingtalk.webhookEnv]: fakes.dingtalkUrl, [names.dingtalk.secretEnv]: fakes.secrets.dingtalk }
      : {}),
    ...(names.wecom ? { [names.wecom.webhookEnv]: fakes.wecomUrl } : {}),
    ...(names.feishu
      ? { [names.feishu.webhookEnv]: fakes.feishuUrl, [names.feishu.secretEnv]: fakes.secrets.feishu }
      : {}),
    ...(names.sms
      ? {
          [names.sms.accessKeyIdEnv]: fakes.secrets.aliyunKeyId,
          [names.sms.accessKeySecretEnv]: fakes.secrets.aliyunKeySecret,
        }
      : {}),
  };
}
