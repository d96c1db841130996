import { type Static, Type } from '@sinclair/typebox';
import { KeyedRecord } from '../common/index.js';

/** The name of an environment variable: secrets and webhook addresses live there, never in a pack. */
export const EnvVarName = Type.String({
  pattern: '^[A-Z][A-Z0-9_]*$',
  patternErrorMessage:
    'must be the name of an environment variable such as "ERP_DINGTALK_SECRET" (upper case, digits, "_"); secrets never go in a pack',
});

const envName = (description: string) => ({ ...EnvVarName, description });

const DingTalk = Type.Object(
  {
    vendor: Type.Literal('dingtalk'),
    webhookEnv: envName(
      'Variable holding the robot\'s webhook address, "https://oapi.dingtalk.com/robot/send?access_token=…".',
    ),
    secretEnv: Type.Optional(
      envName('Variable holding the robot\'s signing secret ("SEC…"), when its security setting is "sign".'),
    ),
  },
  { additionalProperties: false, description: 'A DingTalk group robot (钉钉群机器人).' },
);

const WeCom = Type.Object(
  {
    vendor: Type.Literal('wecom'),
    webhookEnv: envName(
      'Variable holding the robot\'s webhook address with its key, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…".',
    ),
  },
  { additionalProperties: false, description: 'A WeCom group robot (企业微信群机器人).' },
);

const Feishu = Type.Object(
  {
    vendor: Type.Literal('feishu'),
    webhookEnv: envName(
      'Variable holding the bot\'s webhook address, "https://open.feishu.cn/open-apis/bot/v2/hook/…" (Lark: open.larksuite.com).',
    ),
    secretEnv: Type.Optional(
      envName("Variable holding the bot's signing secret, when signature check is on."),
    ),
  },
  { additionalProperties: false, description: 'A Feishu / Lark custom bot (飞书自定义机器人).' },
);

const AliyunSms = Type.Object(
  {
    vendor: Type.Literal('aliyun_sms'),
    accessKeyIdEnv: envName('Variable holding the AccessKey ID.'),
    accessKeySecretEnv: envName('Variable holding the AccessKey secret.'),
    signName: Type.String({
      minLength: 1,
      description: 'The approved SMS signature (签名), e.g. "Tessera".',
    }),
    templateCode: Type.String({
      minLength: 1,
      description: 'The approved template (模板) used when an action names none, e.g. "SMS_154950909".',
    }),
    endpoint: Type.Optional(
      Type.String({ format: 'uri', description: 'Default "https://dysmsapi.aliyuncs.com/".' }),
    ),
    regionId: Type.Optional(Type.String({ description: 'Default "cn-hangzhou".' })),
  },
  {
    additionalProperties: false,
    description: 'SMS through Alibaba Cloud SMS (阿里云短信), a signed SendSms request.',
  },
);

/** One configured messenger of an app: an IM robot or an SMS vendor, told apart by `vendor`. */
export const MessengerSchema = Type.Union([DingTalk, WeCom, Feishu, AliyunSms], {
  description: 'A messenger: dingtalk, wecom, feishu (IM robots) or aliyun_sms (SMS).',
});
export type Messenger = Static<typeof MessengerSchema>;
export type MessengerVendor = Messenger['vendor'];

/** Which channel each vendor serves (`notify` actions choose a messenger per channel in `via`). */
export const MESSENGER_CHANNEL: { readonly [V in MessengerVendor]: 'im' | 'sms' } = {
  dingtalk: 'im',
  wecom: 'im',
  feishu: 'im',
  aliyun_sms: 'sms',
};

export const MESSENGER_VENDORS = Object.keys(MESSENGER_CHANNEL) as MessengerVendor[];

/** `pack.json` → `messaging`: the app's messengers by key. */
export const MessagingSchema = KeyedRecord(MessengerSchema, {
  description:
    'IM robots and SMS vendors of the app: { "<key>": { vendor, …env } }, chosen by notify actions through `via`. Only names of environment variables, never secrets.',
});
export type Messaging = Static<typeof MessagingSchema>;
