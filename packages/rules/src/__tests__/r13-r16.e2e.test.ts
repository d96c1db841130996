import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRM_FORMS, customerForm, receivableForm, salesOrderForm } from '../__fixtures__/crm-forms';
import {
  APP,
  addUser,
  DAY,
  insertRecord,
  mailText,
  movableClock,
  publishForms,
  publishRule,
  type ReceivedMail,
  rowsOf,
  ruleFixture,
  sendQueued,
  startHttpSink,
  startSmtpServer,
} from '../__fixtures__/rules-test-kit';
import { runDueActions } from '../actions/action.runner';
import { runRuleTick } from '../jobs/rule-tick.job';
import { closeSmtpTransports } from '../mail/smtp.sender';
import type { RulesDeps } from '../rules-context';
import { handleRecordEvent } from '../triggers/record-event.handler';

let t: TestDatabase;
let deps: RulesDeps;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let sms: Awaited<ReturnType<typeof startHttpSink>>;
// 10:00 on Tuesday 2026-03-10 in Shanghai.
const clock = movableClock('2026-03-10T02:00:00Z');
const ids: Record<string, string> = {};
const users: Record<string, string> = {};

async function todosOf(user: string): Promise<string[]> {
  const r = await rowsOf<{ title: string }>(
    t.db,
    sql`select title from tessera.notifications where user_id = ${users[user]} and kind = 'todo' order by id`,
  );
  return r.map((x) => x.title).sort();
}

function mailsTo(address: string): ReceivedMail[] {
  return smtp.received.filter((m) => m.to.includes(address));
}

/** What the workers do: the sweep, the actions, the mail jobs. */
async function runEverything(): Promise<void> {
  await runRuleTick(deps);
  await runDueActions(deps);
  await sendQueued(deps);
}

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpServer();
  sms = await startHttpSink();
  deps = { db: t.db, clock, timeZone: 'Asia/Shanghai', smtpUrl: smtp.url, messaging: { url: sms.url } };
  await publishForms(t.db, CRM_FORMS);
  users.sam = await addUser(t.db, { username: 'sam', email: 'sam@example.cn', locale: 'zh-CN' });
  users.fm = await addUser(t.db, {
    username: 'fm',
    email: 'fm@example.com',
    locale: 'en',
    roles: ['finance_manager'],
  });
  users.dir = await addUser(t.db, {
    username: 'dir',
    email: 'dir@example.com',
    locale: 'en',
    roles: ['sales_director'],
  });
  users.risk = await addUser(t.db, {
    username: 'risk',
    email: 'risk@example.cn',
    locale: 'zh-CN',
    roles: ['risk_control'],
  });
  for (const name of ['overdue-receivable', 'delivery-notice', 'large-order-risk', 'dormant-customer']) {
    await publishRule(deps, ruleFixture(name));
  }
  const customer = (name: string, credit: string, lastFollowUp: string, phone: string) =>
    insertRecord(deps, customerForm, {
      name,
      credit_level: credit,
      last_follow_up: lastFollowUp,
      pool: 'active',
      owner: users.sam,
      contact_phone: phone,
    });
  ids.acme = await customer('Acme', 'general', '2025-12-01', '+86 138 0000 0001'); // 99 days ago
  ids.bolt = await customer('Bolt', 'excellent', '2026-02-01', '+86 138 0000 0002'); // 37 days ago
  ids.corp = await customer('Corp', 'general', '2025-12-10', '+86 138 0000 0003'); // exactly 90 days ago
  const receivable = (no: string, due: string, status: string) =>
    insertRecord(deps, receivableForm, {
      invoice_no: no,
      customer: ids.acme,
      amount: '12000.50',
      due_date: due,
      salesperson: users.sam,
      status,
    });
  ids.r1 = await receivable('R-1', '2026-03-04', 'open'); // 6 days overdue
  ids.r2 = await receivable('R-2', '2026-03-05', 'open'); // 5 days: not yet "more than 5"
  ids.r3 = await receivable('R-3', '2026-03-01', 'paid');
  const order = (no: string, customerId: string, amount: number, delivery: string) =>
    insertRecord(deps, salesOrderForm, {
      order_no: no,
      customer: customerId,
      amount,
      expected_delivery: delivery,
      status: 'open',
    });
  ids.so1 = await order('SO-1', ids.bolt!, 1000, '2026-03-11'); // tomorrow
  ids.so2 = await order('SO-2', ids.corp!, 2000, '2026-03-12');
  ids.so3 = await order('SO-3', ids.acme!, 600_000, '2026-04-01'); // large, general credit
  ids.so4 = await order('SO-4', ids.bolt!, 900_000, '2026-04-01'); // large, excellent credit
});
afterAll(async () => {
  closeSmtpTransports();
  await smtp?.close();
  await sms?.close();
  await t?.close();
});

describe('R13–R16 end to end', () => {
  it('R15: a large order of a "general" customer alerts the sales director and risk control (in-app and e-mail)', async () => {
    for (const so of ['so1', 'so2', 'so3', 'so4']) {
      await handleRecordEvent(deps, {
        app: APP,
        form: 'sales_order',
        recordId: ids[so]!,
        kind: 'created',
        version: 1,
        changes: {},
        actorId: null,
        at: clock.now().toISOString(),
      });
    }
    await runDueActions(deps);
    await sendQueued(deps);
    expect(mailsTo('dir@example.com').map((m) => mailText(m.raw))).toEqual([
      "Order SO-3 of Acme is 600000 CNY; the customer's credit level is general.",
    ]);
    expect(mailsTo('risk@example.cn').map((m) => mailText(m.raw))).toEqual([
      'Acme 的订单 SO-3 金额 600000 元，客户信用等级为一般。',
    ]);
    const inApp = await rowsOf<{ user_id: string; title: string }>(
      t.db,
      sql`select user_id, title from tessera.notifications where kind = 'info' order by title`,
    );
    expect(inApp).toEqual([
      { user_id: users.dir, title: 'Large-order risk: SO-3' },
      { user_id: users.risk, title: '大额订单风险：SO-3' },
    ]);
  });

  it('R13, R14, R16 on the first sweep', async () => {
    await runEverything();
    // R13: a to-do for the salesperson (zh-CN) and an e-mail to the finance manager (en).
    expect(await todosOf('sam')).toEqual(
      ['催收逾期应收款 R-1（Acme）', '回访客户 Acme（自 2025-12-01 起未跟进）'].sort(),
    );
    expect(mailsTo('fm@example.com').map((m) => mailText(m.raw))).toEqual([
      'Dear FM, receivable R-1 of Acme (12000.5 CNY) was due on 2026-03-04 and is overdue by more than 5 days.',
    ]);
    // R14: the receiving contact of SO-1 gets the message the day before delivery.
    expect(sms.requests.map((r) => JSON.parse(r.body))).toEqual([
      {
        channel: 'sms',
        to: ['+86 138 0000 0002'],
        text: '尊敬的客户，您的订单 SO-1 预计明天到达，请做好收货准备。',
      },
    ]);
    // R16: Acme moved to the "to be reactivated" pool.
    const pools = await rowsOf<{ name: string; pool: string }>(
      t.db,
      sql`select name, pool from app_crm.customer order by name`,
    );
    expect(pools).toEqual([
      { name: 'Acme', pool: 'to_be_reactivated' },
      { name: 'Bolt', pool: 'active' },
      { name: 'Corp', pool: 'active' },
    ]);
  });

  it('the next day fires what became due — and nothing twice', async () => {
    clock.advance(DAY);
    await runEverything();
    await runEverything();
    expect(await todosOf('sam')).toEqual(
      [
        '催收逾期应收款 R-1（Acme）',
        '回访客户 Acme（自 2025-12-01 起未跟进）',
        '催收逾期应收款 R-2（Acme）',
        '回访客户 Corp（自 2025-12-10 起未跟进）',
      ].sort(),
    );
    expect(mailsTo('fm@example.com')).toHaveLength(2);
    expect(sms.requests.map((r) => JSON.parse(r.body).text)).toEqual([
      '尊敬的客户，您的订单 SO-1 预计明天到达，请做好收货准备。',
      '尊敬的客户，您的订单 SO-2 预计明天到达，请做好收货准备。',
    ]);
    expect(mailsTo('dir@example.com')).toHaveLength(1);
  });

  it('a follow-up resets R16: the new date is a new occurrence, 91 days later', async () => {
    await sql`update app_crm.customer set last_follow_up = '2026-03-11', pool = 'active' where id = ${ids.acme}`.execute(
      t.db,
    );
    clock.advance(90 * DAY);
    await runEverything();
    expect((await todosOf('sam')).filter((x) => x.startsWith('回访客户 Acme'))).toEqual([
      '回访客户 Acme（自 2025-12-01 起未跟进）',
    ]);
    clock.advance(DAY);
    await runEverything();
    expect((await todosOf('sam')).filter((x) => x.startsWith('回访客户 Acme'))).toEqual([
      '回访客户 Acme（自 2025-12-01 起未跟进）',
      '回访客户 Acme（自 2026-03-11 起未跟进）',
    ]);
  });
});
