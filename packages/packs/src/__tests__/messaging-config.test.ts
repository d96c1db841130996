import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatPackErrors, validatePackFolder } from '../index.js';

/** pack.json `messaging` and the notify actions that choose a messenger with `via`, checked at import. */
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/valid-pack');
const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

async function packWith(messaging: unknown, actions: unknown[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-pack-'));
  temps.push(dir);
  await cp(FIXTURE, dir, { recursive: true });
  const edit = async (file: string, change: (doc: any) => void) => {
    const doc = JSON.parse(await readFile(join(dir, file), 'utf8'));
    change(doc);
    await writeFile(join(dir, file), JSON.stringify(doc, null, 2));
  };
  await edit('pack.json', (doc) => {
    doc.messaging = messaging;
  });
  await edit('rules/dormant_customer.json', (doc) => {
    doc.actions = actions;
  });
  return dir;
}

const ROBOTS = {
  sales_group: { vendor: 'dingtalk', webhookEnv: 'CRM_DINGTALK_URL', secretEnv: 'CRM_DINGTALK_SECRET' },
  sms: {
    vendor: 'aliyun_sms',
    accessKeyIdEnv: 'CRM_SMS_ID',
    accessKeySecretEnv: 'CRM_SMS_SECRET',
    signName: 'Tessera',
    templateCode: 'SMS_1',
  },
};
const notify = (extra: Record<string, unknown>) => ({
  type: 'notify',
  channels: ['im'],
  to: [{ kind: 'field', field: 'owner' }],
  body: { en: 'Call {{ name }} back' },
  ...extra,
});

async function errorsOf(dir: string): Promise<string[]> {
  const result = await validatePackFolder(dir);
  return result.ok ? [] : formatPackErrors(result.errors).split('\n');
}

describe('messaging at pack import', () => {
  it('accepts robots and an SMS vendor named by environment variables, chosen by via', async () => {
    const dir = await packWith(ROBOTS, [
      notify({ via: { im: 'sales_group' }, im: { format: 'card', mentionAll: true } }),
      notify({ channels: ['sms', 'in_app'], via: { sms: 'sms' }, sms: { params: { name: '{{ name }}' } } }),
    ]);
    expect(await errorsOf(dir)).toEqual([]);
  });

  it('refuses a secret written into the pack, and an unknown vendor, in words', async () => {
    const dir = await packWith(
      {
        sales_group: {
          vendor: 'dingtalk',
          webhookEnv: 'https://oapi.dingtalk.com/robot/send?access_token=abc',
          secret: 'SEC0123',
        },
        chat: { vendor: 'slack', webhookEnv: 'X_URL' },
      },
      [notify({})],
    );
    expect(await errorsOf(dir)).toEqual([
      "pack.json /messaging/sales_group: unknown property 'secret'",
      'pack.json /messaging/sales_group/webhookEnv: must be the name of an environment variable such as "ERP_DINGTALK_SECRET" (upper case, digits, "_"); secrets never go in a pack (got "https://oapi.dingtalk.com/robot/send?access_token=abc")',
      'pack.json /messaging/chat/vendor: must be one of: dingtalk, wecom, feishu, aliyun_sms (got "slack")',
    ]);
  });

  it('refuses via naming no messenger, a messenger of the wrong kind, a channel not used, options without via', async () => {
    const dir = await packWith(ROBOTS, [
      notify({ via: { im: 'sales_grup' } }),
      notify({ via: { im: 'sms' } }),
      notify({ channels: ['in_app'], via: { sms: 'sms' } }),
      notify({ im: { format: 'markdown' } }),
    ]);
    expect(await errorsOf(dir)).toEqual([
      `rules/dormant_customer.json /actions/0/via/im: pack.json has no messenger 'sales_grup' under "messaging" (it has: sales_group, sms)`,
      "rules/dormant_customer.json /actions/1/via/im: messenger 'sms' is aliyun_sms, which does not send im: use one of dingtalk, wecom, feishu",
      "rules/dormant_customer.json /actions/2/via/sms: 'via.sms' is set but 'sms' is not in 'channels'",
      `rules/dormant_customer.json /actions/3/im: 'im' options need 'via.im': the messenger of pack.json "messaging" to send through`,
    ]);
  });
});
