import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRM_FORMS, salesOrderForm } from '../__fixtures__/crm-forms';
import {
  APP,
  addUser,
  fireOnNewCustomer,
  movableClock,
  publishForms,
  queuedJobs,
  rowsOf,
  startHttpSink,
} from '../__fixtures__/rules-test-kit';
import { listDeadLetters, runDueActions } from '../actions/action.runner';
import { signature } from '../actions/signed-request';
import { closeSmtpTransports } from '../mail/smtp.sender';
import type { RulesDeps } from '../rules-context';

let t: TestDatabase;
let deps: RulesDeps;
const clock = movableClock('2026-05-01T02:00:00Z');
/** A record_created rule on customers with these actions, fired by a new customer. */
const fire = (actions: unknown[], values?: Record<string, unknown>, d: RulesDeps = deps) =>
  fireOnNewCustomer(d, clock, actions, values);

beforeAll(async () => {
  t = await createTestDatabase();
  deps = {
    db: t.db,
    clock,
    timeZone: 'Asia/Shanghai',
    retry: { maxAttempts: 3, baseMs: 60_000, maxMs: 600_000 },
  };
  await publishForms(t.db, CRM_FORMS);
  await addUser(t.db, { username: 'li', email: 'li@example.cn', locale: 'zh-CN', roles: ['finance'] });
  await addUser(t.db, { username: 'ann', email: 'ann@example.com', locale: 'en', roles: ['finance'] });
});
afterAll(async () => {
  closeSmtpTransports();
  await t?.close();
});

describe('actions', () => {
  it('a failing action is retried with backoff, then dead-lettered; the run log says why', async () => {
    const sink = await startHttpSink([500, 502, 503, 200]);
    try {
      const { key } = await fire([{ type: 'webhook', url: sink.url, retries: 2 }], { name: 'Fail' });
      const cases = [
        { advance: 0, outcome: { retry: 1 }, requests: 1 },
        { advance: 30_000, outcome: {}, requests: 1 }, // not due yet: backoff is 60 s
        { advance: 30_000, outcome: { retry: 1 }, requests: 2 },
        { advance: 120_000, outcome: { dead: 1 }, requests: 3 },
        { advance: 3_600_000, outcome: {}, requests: 3 }, // dead stays dead
      ];
      for (const c of cases) {
        clock.advance(c.advance);
        const counts = await runDueActions(deps);
        expect(
          Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0)),
          `after +${c.advance}`,
        ).toEqual(c.outcome);
        expect(sink.requests.length).toBe(c.requests);
      }
      const dead = await listDeadLetters(deps, APP);
      expect(dead.map((x) => [x.ruleKey, x.type, x.attempts, x.lastError])).toEqual([
        [key, 'webhook', 3, `${sink.url} answered 503`],
      ]);
      const runs = await rowsOf<{ outcome: string }>(
        t.db,
        sql`select outcome from tessera.rule_runs r join tessera.rules x on x.id = r.rule_id where x.key = ${key} order by r.id`,
      );
      expect(runs.map((r) => r.outcome)).toEqual(['fired', 'failed', 'failed', 'dead']);
      // Every attempt carried the same delivery id: the receiver can drop repeats.
      expect(new Set(sink.requests.map((r) => r.headers['x-tessera-delivery'])).size).toBe(1);
    } finally {
      await sink.close();
    }
  });

  it('a webhook is signed with HMAC-SHA256 over timestamp and body', async () => {
    const sink = await startHttpSink();
    try {
      const d = { ...deps, env: { HOOK_SECRET: 's3cret' } };
      await fire(
        [
          {
            type: 'webhook',
            url: sink.url,
            secretEnv: 'HOOK_SECRET',
            body: { cat: ['customer ', { var: 'name' }] },
          },
        ],
        { name: 'Sig' },
        d,
      );
      await runDueActions(d);
      const [req] = sink.requests;
      expect(JSON.parse(req!.body)).toBe('customer Sig');
      const ts = String(req!.headers['x-tessera-timestamp']);
      expect(req!.headers['x-tessera-signature']).toBe(signature('s3cret', ts, req!.body));
      expect(req!.headers['x-tessera-signature']).not.toBe(signature('wrong', ts, req!.body));
    } finally {
      await sink.close();
    }
  });

  it('SMS through the messaging webhook adapter, to a phone number held in a field', async () => {
    const sink = await startHttpSink();
    try {
      const d = { ...deps, messaging: { url: sink.url } };
      await fire(
        [
          {
            type: 'notify',
            channels: ['sms'],
            to: [{ kind: 'field', field: 'contact_phone' }],
            body: { 'zh-CN': '您好 {{ name }}' },
          },
        ],
        { name: 'Sms', contact_phone: '+8613800000000' },
        d,
      );
      await runDueActions(d);
      expect(sink.requests.map((r) => JSON.parse(r.body))).toEqual([
        { channel: 'sms', to: ['+8613800000000'], text: '您好 Sms' },
      ]);
    } finally {
      await sink.close();
    }
  });

  it('create_record maps values and links back; start_flow enqueues flow.start; create_todo has a due time', async () => {
    const { id } = await fire(
      [
        {
          type: 'create_record',
          form: 'sales_order',
          values: {
            order_no: { cat: ['WELCOME-', { var: 'name' }] },
            amount: { amount: '0', currency: 'CNY' },
          },
          linkBack: 'customer',
        },
        { type: 'start_flow', flow: 'onboarding' },
        {
          type: 'create_todo',
          assignees: [{ kind: 'user', user: 'ann' }],
          title: { en: 'Welcome {{ name }}' },
          dueIn: 'P1DT2H',
        },
      ],
      { name: 'Multi' },
    );
    await runDueActions(deps);
    const orders = await rowsOf<{ order_no: string; customer: string }>(
      t.db,
      sql`select order_no, customer from app_crm.sales_order`,
    );
    expect(orders).toEqual([{ order_no: 'WELCOME-Multi', customer: id }]);
    expect((await queuedJobs(t.db, 'flow.start')).map((j) => j.payload)).toEqual([
      // ruleActionId: the flow engine keys the instance by it (a retried job starts no second one)
      { app: APP, flow: 'onboarding', recordId: id, initiatorId: null, ruleActionId: expect.any(Number) },
    ]);
    const todo = await rowsOf<{ title: string; due_at: Date; created_at: Date }>(
      t.db,
      sql`select title, due_at, created_at from tessera.notifications where kind = 'todo'`,
    );
    expect(
      todo.map((x) => [x.title, new Date(x.due_at).getTime() - new Date(x.created_at).getTime()]),
    ).toEqual([['Welcome Multi', 26 * 3_600_000]]);
    void salesOrderForm;
  });

  it('a message names the person in a user field, never their id', async () => {
    const li = (
      await rowsOf<{ id: string }>(t.db, sql`select id from tessera.users where username = 'li'`)
    )[0]!.id;
    await fire(
      [
        {
          type: 'create_todo',
          assignees: [{ kind: 'user', user: 'ann' }],
          title: { en: 'Call {{ name }} with {{ owner }} ({{ owner_missing }})' },
        },
        {
          type: 'notify',
          channels: ['in_app'],
          to: [{ kind: 'user', user: 'ann' }],
          subject: { en: 'Owner {{ owner }}' },
          body: { en: '{{ owner }} owns {{ name }}' },
        },
      ],
      { name: 'Names', owner: li },
    );
    await runDueActions(deps);
    const rows = await rowsOf<{ title: string; body: string | null }>(
      t.db,
      sql`select title, body from tessera.notifications where title like '%Names%' or body like '%Names%' order by id`,
    );
    expect(rows).toEqual([
      { title: 'Call Names with LI ()', body: null },
      { title: 'Owner LI', body: 'LI owns Names' },
    ]);
  });

  it('update_record writes through the records engine: a new version with its history row and event', async () => {
    const { id } = await fire([{ type: 'update_record', set: { pool: 'to_be_reactivated' } }], {
      name: 'Hist',
      pool: 'active',
    });
    expect(await runDueActions(deps)).toMatchObject({ done: 1 });
    const [record] = await rowsOf<{ pool: string; version: number }>(
      t.db,
      sql`select pool, version from app_crm.customer where id = ${id}`,
    );
    expect(record).toEqual({ pool: 'to_be_reactivated', version: 2 });
    const history = await rowsOf<{ operation: string; version: number; changes: unknown; actor_id: null }>(
      t.db,
      sql`select operation, version, changes, actor_id from tessera.record_history
        where record_id = ${id} order by id`,
    );
    expect(history.map((h) => [h.operation, h.version, h.actor_id])).toEqual([
      ['created', 1, null],
      ['updated', 2, null],
    ]);
    expect(history[1]!.changes).toEqual({ pool: { old: 'active', new: 'to_be_reactivated' } });
    const events = (await queuedJobs(t.db, 'record.event')).map((j) => j.payload);
    expect(events).toContainEqual(expect.objectContaining({ recordId: id, kind: 'updated', version: 2 }));
  });

  it('an update_record the records engine refuses fails the action, says why and changes nothing', async () => {
    const { key, id } = await fire([{ type: 'update_record', set: { credit_level: 'platinum' } }], {
      name: 'Invalid',
      credit_level: 'good',
    });
    expect(await runDueActions(deps)).toMatchObject({ retry: 1 });
    const [record] = await rowsOf<{ credit_level: string; version: number }>(
      t.db,
      sql`select credit_level, version from app_crm.customer where id = ${id}`,
    );
    expect(record).toEqual({ credit_level: 'good', version: 1 });
    expect(
      await rowsOf(
        t.db,
        sql`select 1 from tessera.record_history where record_id = ${id} and operation = 'updated'`,
      ),
    ).toEqual([]);
    const runs = await rowsOf<{ outcome: string; reason: string }>(
      t.db,
      sql`select outcome, reason from tessera.rule_runs r join tessera.rules x on x.id = r.rule_id
        where x.key = ${key} order by r.id`,
    );
    expect(runs.map((r) => r.outcome)).toEqual(['fired', 'failed']);
    expect(runs[1]!.reason).toMatch(
      /update_record failed \(attempt 1 of 3\).*update customer .*invalid.*credit_level/,
    );
  });

  it('department members, a department manager and managers up the chain (org model of 0200)', async () => {
    const id = async (u: string) =>
      (await rowsOf<{ id: string }>(t.db, sql`select id from tessera.users where username = ${u}`))[0]!.id;
    const [li, ann] = [await id('li'), await id('ann')];
    const owner = await addUser(t.db, { username: 'own', locale: 'en' });
    const hq = await rowsOf<{ id: string }>(
      t.db,
      sql`insert into tessera.departments (code, name, manager_id) values ('hq', 'HQ', ${li}) returning id`,
    );
    await sql`insert into tessera.departments (code, name, manager_id, parent_id)
      values ('risk', 'Risk', ${ann}, ${hq[0]!.id})`.execute(t.db);
    await sql`insert into tessera.user_org (user_id, department_id)
      select ${owner}::uuid, id from tessera.departments where code = 'risk'
      union all select ${ann}::uuid, id from tessera.departments where code = 'risk'`.execute(t.db);
    const cases = [
      { to: { kind: 'department', department: 'risk' }, want: ['ann', 'own'] },
      { to: { kind: 'department', department: 'risk', managerOnly: true }, want: ['ann'] },
      { to: { kind: 'manager', of: 'owner' }, want: ['ann'] },
      { to: { kind: 'manager', of: 'owner', level: 2 }, want: ['li'] },
    ];
    for (const [i, c] of cases.entries()) {
      const { id: recordId } = await fire(
        [{ type: 'create_todo', assignees: [c.to], title: { en: `org ${i}` } }],
        {
          name: `Org${i}`,
          owner,
        },
      );
      await runDueActions(deps);
      const got = await rowsOf<{ username: string }>(
        t.db,
        sql`select u.username from tessera.notifications n join tessera.users u on u.id = n.user_id
          where n.record_id = ${recordId} order by u.username`,
      );
      expect(
        got.map((g) => g.username),
        JSON.stringify(c.to),
      ).toEqual(c.want);
    }
  });

  it('recipients the engine cannot resolve fail loudly (dead letter), never silently', async () => {
    const { key } = await fire(
      [{ type: 'create_todo', assignees: [{ kind: 'manager' }], title: { en: 'x' } }],
      {
        name: 'Nobody',
      },
    );
    for (let i = 0; i < 3; i++) {
      await runDueActions(deps);
      clock.advance(600_000);
    }
    const dead = await listDeadLetters(deps, APP);
    expect(dead.find((x) => x.ruleKey === key)?.lastError).toMatch(/no user to find the manager of/);
  });
});
