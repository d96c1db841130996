import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FakeVendors, fakeVendorEnv, startFakeVendors } from '@tessera/rules/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_PACK } from '../bootstrap/demo';
import { APP, DAY, type ErpHarness, money, ok, records, startErp } from './customer-erp-kit';

/**
 * Issue 19's IM robots on the shipped Customer ERP: pack.json configures a DingTalk group robot
 * (`customer_group`, signed) and a WeCom group robot (`service_group`) by environment variable
 * names; here those variables point at local fakes that check each vendor's signature and payload
 * and refuse a bad one. The delivery notice (R14) posts to the DingTalk group once per order, the
 * day before delivery, however often the sweep runs; a flow's notify step posts to WeCom once.
 */

// Monday 2027-03-01, 10:00 in Shanghai.
const START = '2027-03-01T02:00:00Z';
const at = (day: number, hour: number) =>
  new Date(Date.parse(START) + day * DAY + (hour - 10) * 3_600_000).toISOString();
const dateOf = (day: number) => at(day, 10).slice(0, 10);

let erp: ErpHarness;
let fakes: FakeVendors;
let customer: string;
let product: string;

beforeAll(async () => {
  fakes = await startFakeVendors({ now: () => erp.clock.now() });
  erp = await startErp({
    start: START,
    env: fakeVendorEnv(fakes, {
      dingtalk: { webhookEnv: 'ERP_DINGTALK_WEBHOOK_URL', secretEnv: 'ERP_DINGTALK_SECRET' },
      wecom: { webhookEnv: 'ERP_WECOM_WEBHOOK_URL' },
    }),
  });
  customer = (
    await ok(
      erp.admin.request('POST', records('customer'), { name: '华东精密制造有限公司', tier: 'key' }),
      201,
    )
  ).id;
  product = (
    await ok(
      erp.admin.request('POST', records('product'), {
        name: 'Industrial pump',
        list_price: money(6000),
        active: true,
      }),
      201,
    )
  ).id;
}, 180_000);
afterAll(async () => {
  await erp?.close();
  await fakes?.close();
});

async function order(expectedDay: number): Promise<{ id: string; number: string }> {
  const created = await ok(
    erp.admin.request('POST', records('sales_order'), {
      customer,
      order_date: dateOf(0),
      expected_delivery_date: dateOf(expectedDay),
      items: [{ product, quantity: 1, unit_price: money(6000) }],
      status: 'confirmed',
      owner: erp.ids.sales1,
      receiving_contact: '王工',
      receiving_phone: '13900000002',
    }),
    201,
  );
  await erp.drain();
  return { id: created.id, number: created.number };
}

const outbox = async () =>
  (await ok<{ items: any[] }>(erp.admin.request('GET', '/api/message-outbox?app=customer_erp'))).items;

describe('Customer ERP messages through IM robots', () => {
  it('R14: the delivery notice posts one signed DingTalk markdown message, mentioning the receiving phone', async () => {
    const o = await order(5);
    erp.clock.set(at(3, 9));
    await erp.sweep();
    expect(fakes.messages).toEqual([]);
    erp.clock.set(at(4, 8));
    await erp.sweep();
    await erp.sweep();
    erp.clock.set(at(4, 18));
    await erp.sweep();
    expect(fakes.refusals).toEqual([]);
    const ding = fakes.messages.filter((m) => m.vendor === 'dingtalk');
    expect(ding.map((m) => m.body)).toEqual([
      {
        msgtype: 'markdown',
        markdown: {
          title: `明日到货：${o.number}`,
          text: `#### 订单 ${o.number} 预计明天送达\n尊敬的客户，请做好收货准备。\n\n@13900000002`,
        },
        at: { atMobiles: ['13900000002'], atUserIds: [], isAtAll: false },
      },
    ]);
    // Signed at the moment it was sent (the fake checked the signature against these).
    expect(Number(ding[0]!.query.timestamp)).toBe(Date.parse(at(4, 8)));
    expect(ding[0]!.query.sign).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect((await outbox()).map((m) => [m.messengerKey, m.vendor, m.status, m.attempts])).toEqual([
      ['customer_group', 'dingtalk', 'sent', 1],
    ]);
  });

  it("a flow's notify step posts one WeCom message to the service group", async () => {
    const flow = {
      key: 'delivery_heads_up',
      title: { en: 'Delivery heads-up', 'zh-CN': '发货提醒' },
      form: 'sales_order',
      nodes: [
        { id: 'start', type: 'start', on: ['manual'] },
        {
          id: 'tell_service',
          type: 'service',
          label: { en: 'Tell the service group', 'zh-CN': '通知服务群' },
          action: {
            type: 'notify',
            channels: ['im'],
            via: { im: 'service_group' },
            to: [{ kind: 'field', field: 'receiving_phone' }],
            subject: { 'zh-CN': '发货提醒 {{ number }}' },
            body: { 'zh-CN': '订单 {{ number }} 即将发货，收货人 {{ receiving_contact }}' },
          },
        },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { from: 'start', to: 'tell_service' },
        { from: 'tell_service', to: 'end' },
      ],
    };
    // The flow designer checks `via` against the app's messengers, as pack import does.
    const lacking = structuredClone(flow) as any;
    lacking.nodes[1].action.via = { im: 'warehouse_group' };
    const refused = await erp.admin.request('POST', `/api/apps/${APP}/flows`, lacking);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      {
        path: '/nodes/1/action/via/im',
        message: `pack.json has no messenger 'warehouse_group' under "messaging" (it has: customer_group, service_group)`,
      },
    ]);
    await ok(erp.admin.request('POST', `/api/apps/${APP}/flows`, flow));
    await ok(erp.admin.request('POST', `/api/apps/${APP}/flows/delivery_heads_up/publish`));
    const o = await order(20);
    fakes.messages.length = 0;
    await ok(
      erp.admin.request('POST', `/api/apps/${APP}/flows/delivery_heads_up/instances`, { recordId: o.id }),
      201,
    );
    await erp.drain();
    await erp.drain();
    expect(fakes.refusals).toEqual([]);
    expect(fakes.messages.map((m) => [m.vendor, m.body])).toEqual([
      [
        'wecom',
        {
          msgtype: 'text',
          text: {
            content: `发货提醒 ${o.number}\n订单 ${o.number} 即将发货，收货人 王工`,
            mentioned_list: [],
            mentioned_mobile_list: ['13900000002'],
          },
        },
      ],
    ]);
    const sent = (await outbox()).filter((m) => m.messengerKey === 'service_group');
    expect(sent.map((m) => m.status)).toEqual(['sent']);
  });

  it('a dead letter is re-queued by an administrator (audited) and then sent; others may not, a sent one is not re-sent', async () => {
    const [message] = (await outbox()).filter((m) => m.messengerKey === 'service_group');
    // as the sender leaves a message after its last failed attempt
    await sql`update tessera.message_outbox set status = 'dead', attempts = 3,
      last_error = 'request to wecom failed: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET-KEY timed out'
      where id = ${message.id}`.execute(erp.db);
    const [dead] = (await outbox()).filter((m) => m.id === message.id);
    expect(dead).toMatchObject({ status: 'dead', destination: 'service_group', vendor: 'wecom' });
    expect(dead.lastError).toBe(
      'request to wecom failed: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… timed out',
    );

    const sales = await erp.as('sales1');
    const denied = await sales.request('POST', `/api/message-outbox/${message.id}/requeue`);
    expect(denied.statusCode).toBe(403);
    fakes.messages.length = 0;
    expect(await ok(erp.admin.request('POST', `/api/message-outbox/${message.id}/requeue`))).toEqual({
      id: message.id,
      status: 'queued',
    });
    await erp.drain();
    expect(fakes.messages.map((m) => m.vendor)).toEqual(['wecom']);
    const [again] = (await outbox()).filter((m) => m.id === message.id);
    expect(again).toMatchObject({ status: 'sent', attempts: 1, lastError: null });

    const resend = await erp.admin.request('POST', `/api/message-outbox/${message.id}/requeue`);
    expect(resend.statusCode).toBe(409);
    expect(resend.json().code).toBe('CONFLICT');
    expect((await erp.admin.request('POST', '/api/message-outbox/999999/requeue')).statusCode).toBe(404);
    const audit = await sql<{ actor_name: string; target_id: string; detail: Record<string, unknown> }>`
      select actor_name, target_id, detail from tessera.audit_log where action = 'message.requeued'`.execute(
      erp.db,
    );
    expect(audit.rows).toEqual([
      {
        actor_name: 'erpadmin',
        target_id: String(message.id),
        detail: {
          app: APP,
          messenger: 'service_group',
          vendor: 'wecom',
          was: 'dead',
          attempts: 3,
          lastError:
            'request to wecom failed: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… timed out',
        },
      },
    ]);
  });

  it('R14 re-pointed to the WeCom group in the rule designer sends there once; a robot the app lacks is refused', async () => {
    const r14 = JSON.parse(readFileSync(join(DEFAULT_DEMO_PACK, 'rules/delivery_notice.json'), 'utf8'));
    delete r14.$schema;
    const withRobot = (im: string) => ({
      ...r14,
      actions: r14.actions.map((a: any) => (a.via ? { ...a, via: { im } } : a)),
    });
    const refused = await erp.admin.request('POST', `/api/apps/${APP}/rules`, withRobot('warehouse_group'));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      {
        path: '/actions/1/via/im',
        message: `pack.json has no messenger 'warehouse_group' under "messaging" (it has: customer_group, service_group)`,
      },
    ]);
    const saved = await ok(
      erp.admin.request('POST', `/api/apps/${APP}/rules`, withRobot('service_group')),
      201,
    );
    await ok(
      erp.admin.request('POST', `/api/apps/${APP}/rules/delivery_notice/versions/${saved.version}/publish`),
    );
    const o = await order(31);
    fakes.messages.length = 0;
    erp.clock.set(at(30, 8));
    await erp.sweep();
    await erp.sweep();
    expect(fakes.refusals).toEqual([]);
    expect(fakes.messages.map((m) => [m.vendor, m.body])).toEqual([
      [
        'wecom',
        {
          msgtype: 'text',
          text: {
            content: `明日到货：${o.number}\n#### 订单 ${o.number} 预计明天送达\n尊敬的客户，请做好收货准备。`,
            mentioned_list: [],
            mentioned_mobile_list: ['13900000002'],
          },
        },
      ],
    ]);
  });
});
