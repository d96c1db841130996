import type { Messaging } from '@tessera/schema';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CRM_FORMS } from '../__fixtures__/crm-forms';
import { APP, fireOnNewCustomer, movableClock, publishForms } from '../__fixtures__/rules-test-kit';
import { runDueActions } from '../actions/action.runner';
import { listRuns } from '../firing/run-log';
import { listMessages, type MessageOutcome, sendQueuedMessage } from '../messaging/message-send.job';
import type { RulesDeps } from '../rules-context';
import { type FakeVendors, fakeVendorEnv, startFakeVendors } from '../testing';

let t: TestDatabase;
let fakes: FakeVendors;
let deps: RulesDeps;
const clock = movableClock('2026-05-01T02:00:00Z');

const NAMES = {
  dingtalk: { webhookEnv: 'CRM_DINGTALK_URL', secretEnv: 'CRM_DINGTALK_SECRET' },
  wecom: { webhookEnv: 'CRM_WECOM_URL' },
  feishu: { webhookEnv: 'CRM_FEISHU_URL', secretEnv: 'CRM_FEISHU_SECRET' },
  sms: { accessKeyIdEnv: 'CRM_SMS_KEY_ID', accessKeySecretEnv: 'CRM_SMS_KEY_SECRET' },
};

const messaging = (smsEndpoint: string): Messaging => ({
  sales_ding: { vendor: 'dingtalk', ...NAMES.dingtalk },
  sales_wecom: { vendor: 'wecom', ...NAMES.wecom },
  sales_lark: { vendor: 'feishu', ...NAMES.feishu },
  customer_sms: {
    vendor: 'aliyun_sms',
    ...NAMES.sms,
    signName: 'Tessera',
    templateCode: 'SMS_0001',
    endpoint: smsEndpoint,
  },
  unconfigured: { vendor: 'dingtalk', webhookEnv: 'CRM_NOT_SET_URL' },
});

/** The app as installed from a pack whose pack.json has `messaging` (what applyPack stores). */
async function installManifest(db: TestDatabase['db'], value: Messaging): Promise<void> {
  const manifest = { name: 'crm', version: '1.0.0', title: { en: 'CRM' }, messaging: value };
  await sql`insert into tessera.installed_packs (app_key, name, version, hash, manifest, files, applied_at)
    values (${APP}, 'crm', '1.0.0', 'test', ${JSON.stringify(manifest)}::jsonb, '{}'::jsonb, now())`.execute(
    db,
  );
}

/** What the `message.send` jobs do: send every queued message once, in order. */
async function sendAll(d: RulesDeps = deps): Promise<MessageOutcome[]> {
  const r = await sql<{
    id: number;
  }>`select id from tessera.message_outbox where status = 'queued' order by id`.execute(d.db);
  const out: MessageOutcome[] = [];
  for (const { id } of r.rows) out.push(await sendQueuedMessage(d, Number(id)));
  return out;
}

/** A customer named `name` (each test its own: the rule's condition matches the name) fires the rule. */
const fire = (
  actions: unknown[],
  name: string,
  values: Record<string, unknown> = { contact_phone: '138 0000 0001' },
) => fireOnNewCustomer(deps, clock, actions, { name, ...values });

const imAction = (via: string, im: Record<string, unknown> = {}) => ({
  type: 'notify',
  channels: ['im'],
  via: { im: via },
  to: [{ kind: 'field', field: 'contact_phone' }],
  subject: { en: 'New customer', 'zh-CN': '新客户 {{ name }}' },
  body: { en: 'Customer {{ name }}', 'zh-CN': '**{{ name }}** 已创建' },
  im,
});

beforeAll(async () => {
  t = await createTestDatabase();
  fakes = await startFakeVendors({ now: () => clock.now() });
  deps = {
    db: t.db,
    clock,
    timeZone: 'Asia/Shanghai',
    env: fakeVendorEnv(fakes, NAMES),
    retry: { maxAttempts: 3, baseMs: 60_000, maxMs: 600_000 },
  };
  await publishForms(t.db, CRM_FORMS);
  await installManifest(t.db, messaging(fakes.smsUrl));
});
afterAll(async () => {
  await fakes?.close();
  await t?.close();
});
beforeEach(() => {
  fakes.messages.length = 0;
  fakes.refusals.length = 0;
});

describe('IM robots and SMS through the message outbox', () => {
  it('DingTalk: one signed markdown message mentioning the phone, exactly once, logged in the run log', async () => {
    const { key } = await fire([imAction('sales_ding')], 'Acme');
    await runDueActions(deps);
    expect(await sendAll()).toEqual(['sent']);
    // The action and its message are done: running everything again sends nothing more.
    await runDueActions(deps);
    expect(await sendAll()).toEqual([]);
    expect(fakes.refusals).toEqual([]);
    expect(fakes.messages).toHaveLength(1);
    const [m] = fakes.messages;
    expect(m!.query.timestamp).toBe(String(clock.now().getTime()));
    expect(m!.body).toEqual({
      msgtype: 'markdown',
      markdown: { title: '新客户 Acme', text: '**Acme** 已创建\n\n@13800000001' },
      at: { atMobiles: ['13800000001'], atUserIds: [], isAtAll: false },
    });
    const ruleId = (await sql<{ id: string }>`select id from tessera.rules where key = ${key}`.execute(t.db))
      .rows[0]!.id;
    expect((await listRuns(t.db, ruleId)).map((r) => r.reason)).toContain(
      'im through dingtalk messenger "sales_ding" sent',
    );
  });

  it('DingTalk card: an actionCard with its button', async () => {
    await fire(
      [
        imAction('sales_ding', {
          format: 'card',
          buttons: [{ title: { 'zh-CN': '查看 {{ name }}' }, url: 'https://erp.example.com/c/{{ id }}' }],
        }),
      ],
      'Bolt',
    );
    await runDueActions(deps);
    expect(await sendAll()).toEqual(['sent']);
    const card = fakes.messages[0]!.body;
    expect(card.msgtype).toBe('actionCard');
    expect(card.actionCard).toMatchObject({ title: '新客户 Bolt', singleTitle: '查看 Bolt' });
    expect(card.actionCard.singleURL).toMatch(/^https:\/\/erp\.example\.com\/c\/[0-9a-f-]{36}$/);
  });

  it('WeCom: markdown with user mentions; mentioning a mobile makes it a text message with mentioned_mobile_list', async () => {
    await fire(
      [{ ...imAction('sales_wecom', { mentionUserIds: ['zhangsan'] }), to: [{ kind: 'initiator' }] }],
      'NoPhone',
      {},
    );
    await fire([imAction('sales_wecom')], 'Phone', { contact_phone: '13900000002' });
    await runDueActions(deps);
    expect(await sendAll()).toEqual(['sent', 'sent']);
    expect(fakes.messages.map((m) => m.body)).toEqual([
      { msgtype: 'markdown', markdown: { content: '**新客户 NoPhone**\n**NoPhone** 已创建\n<@zhangsan>' } },
      {
        msgtype: 'text',
        text: {
          content: '新客户 Phone\n**Phone** 已创建',
          mentioned_list: [],
          mentioned_mobile_list: ['13900000002'],
        },
      },
    ]);
  });

  it('Feishu: a signed interactive card with a button and an <at> of the user id', async () => {
    await fire(
      [
        imAction('sales_lark', {
          format: 'card',
          mentionUserIds: ['ou_123'],
          buttons: [{ title: { 'zh-CN': '打开' }, url: 'https://erp.example.com' }],
        }),
      ],
      'Cora',
    );
    await runDueActions(deps);
    expect(await sendAll()).toEqual(['sent']);
    const body = fakes.messages[0]!.body;
    expect(body.timestamp).toBe(String(Math.floor(clock.now().getTime() / 1000)));
    expect(body.msg_type).toBe('interactive');
    expect(body.card.header.title.content).toBe('新客户 Cora');
    expect(body.card.elements[0].text.content).toBe('**Cora** 已创建\n<at id=ou_123></at>');
    expect(body.card.elements[1].actions[0]).toMatchObject({ url: 'https://erp.example.com' });
  });

  it('users among the recipients: @-mentioned by their id in the vendor from the org directory, else by their mobile; an SMS to their mobile', async () => {
    // a role of three: one with DingTalk and WeCom ids, one with only a mobile, one with neither
    for (const [username, mobile, ids] of [
      ['wen', '13700000007', { dingtalk: 'ding-wen', wecom: 'WenLi' }],
      ['mo', '137 0000 0008', {}],
      ['nobody', null, {}],
    ] as const) {
      const u = await sql<{
        id: string;
      }>`insert into tessera.users (username, display_name, password_hash, mobile, im_ids)
        values (${username}, ${username}, 'x', ${mobile}, ${JSON.stringify(ids)}::jsonb) returning id`.execute(
        t.db,
      );
      await sql`insert into tessera.role_members (role, user_id) values ('desk', ${u.rows[0]!.id})`.execute(
        t.db,
      );
    }
    const toDesk = (action: Record<string, unknown>) => ({ ...action, to: [{ kind: 'role', role: 'desk' }] });
    await fire([toDesk(imAction('sales_ding'))], 'Desk1', {});
    await fire([toDesk(imAction('sales_wecom', { format: 'text' }))], 'Desk2', {});
    await fire(
      [
        toDesk({
          type: 'notify',
          channels: ['sms'],
          via: { sms: 'customer_sms' },
          body: { 'zh-CN': '{{ name }}' },
          sms: { params: { name: '{{ name }}' } },
        }),
      ],
      'Desk3',
      {},
    );
    await runDueActions(deps);
    expect(await sendAll()).toEqual(['sent', 'sent', 'sent']);
    expect(fakes.refusals).toEqual([]);
    const [ding, wecom, sms] = fakes.messages.map((m) => m.body);
    expect(ding.at).toEqual({ atMobiles: ['13700000008'], atUserIds: ['ding-wen'], isAtAll: false });
    expect(wecom.text).toMatchObject({ mentioned_list: ['WenLi'], mentioned_mobile_list: ['13700000008'] });
    expect(sms.PhoneNumbers).toBe('13700000008,13700000007');
  });

  it('Aliyun SMS: a signed SendSms to the phone with the template parameters', async () => {
    await fire(
      [
        {
          type: 'notify',
          channels: ['sms'],
          via: { sms: 'customer_sms' },
          to: [{ kind: 'field', field: 'contact_phone' }],
          body: { 'zh-CN': '{{ name }}' },
          sms: { params: { name: '{{ name }}' } },
        },
      ],
      'Dora',
    );
    await runDueActions(deps);
    expect(await sendAll()).toEqual(['sent']);
    expect(fakes.refusals).toEqual([]);
    expect(fakes.messages[0]!.body).toMatchObject({
      Action: 'SendSms',
      PhoneNumbers: '13800000001',
      SignName: 'Tessera',
      TemplateCode: 'SMS_0001',
      TemplateParam: '{"name":"Dora"}',
      AccessKeyId: fakes.secrets.aliyunKeyId,
    });
  });

  it('a wrong secret is refused by the vendor (errcode 310000): retried with backoff, then a dead letter', async () => {
    const wrong = { ...deps, env: { ...deps.env, [NAMES.dingtalk.secretEnv]: 'SECnot-the-secret' } };
    const { key } = await fire([imAction('sales_ding')], 'Eve');
    await runDueActions(deps);
    expect(await sendAll(wrong)).toEqual(['retry']);
    clock.advance(60_000);
    expect(await sendAll(wrong)).toEqual(['retry']);
    clock.advance(120_000);
    expect(await sendAll(wrong)).toEqual(['dead']);
    expect(fakes.messages).toEqual([]);
    expect(fakes.refusals.map((r) => r.reason)).toEqual(Array(3).fill('310000 sign not match'));
    const [dead] = await listMessages(t.db, { status: 'dead' });
    expect(dead).toMatchObject({ vendor: 'dingtalk', attempts: 3 });
    expect(dead!.lastError).toContain('DingTalk answered errcode 310000');
    const ruleId = (await sql<{ id: string }>`select id from tessera.rules where key = ${key}`.execute(t.db))
      .rows[0]!.id;
    expect((await listRuns(t.db, ruleId)).map((r) => r.outcome).slice(0, 3)).toEqual([
      'dead',
      'failed',
      'failed',
    ]);
  });

  it('a vendor refusal (rate limit) is retried and the message then arrives once', async () => {
    fakes.throttle('wecom', 1);
    await fire([imAction('sales_wecom')], 'Finn');
    await runDueActions(deps);
    expect(await sendAll()).toEqual(['retry']);
    expect(await sendAll()).toEqual(['sent']);
    expect(fakes.refusals.map((r) => r.reason)).toEqual(['45009 api freq out of limit']);
    expect(fakes.messages).toHaveLength(1);
  });

  it('a messenger whose webhook variable is unset holds the message; one the app lacks is refused at save, or fails the action', async () => {
    await fire([imAction('unconfigured')], 'Gus');
    await runDueActions(deps);
    expect(await sendAll()).toEqual(['held']);
    const [held] = await listMessages(t.db, { status: 'held' });
    expect(held!.lastError).toBe('CRM_NOT_SET_URL is not set: the message is held');

    // Naming a messenger the app lacks is refused when the rule is saved, with the reason…
    await expect(fire([imAction('nobody_configured_this')], 'Hal')).rejects.toThrow(
      `pack.json has no messenger 'nobody_configured_this' under \\"messaging\\" (it has: customer_sms, sales_ding, sales_lark, sales_wecom, unconfigured)`,
    );
    // …and one dropped by a later pack.json fails the action (retried, then a dead letter).
    await fire([imAction('sales_lark')], 'Ivy');
    const { sales_lark: _dropped, ...rest } = messaging(fakes.smsUrl);
    await installManifest(t.db, rest);
    try {
      expect(await runDueActions(deps)).toMatchObject({ retry: 1 });
    } finally {
      await installManifest(t.db, messaging(fakes.smsUrl));
    }
    const r = await sql<{ last_error: string }>`select last_error from tessera.rule_actions
      where status = 'pending' and last_error is not null order by id desc limit 1`.execute(t.db);
    expect(r.rows[0]!.last_error).toBe('the app has no messenger "sales_lark" (pack.json "messaging")');
    expect(fakes.messages).toEqual([]);
  });
});
