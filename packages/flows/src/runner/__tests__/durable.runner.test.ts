import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowError } from '../flow.error';
import { createFlowRunner } from '../flow.runner';
import type { RecordGateway } from '../flow-context';
import {
  addRecord,
  addUsers,
  createFlowTestEnv,
  type FlowTestEnv,
  instanceRow,
  jsonRecords,
  openTasks,
  recordData,
  recordsOf,
  taskId,
} from './runner-test-kit';

const DAY = 86_400_000;
let env: FlowTestEnv;
let u: Record<string, string>;

const quoteFlow = (limit: number, extra: object[] = []) => ({
  key: 'quote_approval',
  title: { en: 'Quote approval' },
  form: 'quote',
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'check', type: 'exclusive_gateway' },
    { id: 'director', type: 'approval', assignees: [{ kind: 'role', role: 'sales_director' }], mode: 'any' },
    ...extra,
    {
      id: 'make_order',
      type: 'service',
      action: {
        type: 'create_record',
        form: 'sales_order',
        values: { total: { var: 'amount' } },
        lineItems: { lines: { from: 'items', values: { product: { var: 'product' }, qty: { var: 'qty' } } } },
        linkBack: 'quote',
      },
    },
    { id: 'end', type: 'end', outcome: 'approved' },
  ],
  edges: [
    { from: 'start', to: 'check' },
    { from: 'check', to: 'director', condition: { '>': [{ var: 'amount' }, limit] } },
    { from: 'check', to: 'make_order', default: true },
    ...(extra.length
      ? [
          { from: 'director', to: 'cool_off' },
          { from: 'cool_off', to: 'make_order' },
        ]
      : [{ from: 'director', to: 'make_order' }]),
    { from: 'make_order', to: 'end' },
  ],
});

beforeAll(async () => {
  env = await createFlowTestEnv();
  u = await addUsers(env.db, {
    sam: { roles: ['sales'] },
    dora: { roles: ['sales_director'] },
    dirk: { roles: ['sales_director'] },
    root: { admin: true },
  });
  await env.publish('erp', quoteFlow(100_000));
  await env.publish('erp', {
    ...quoteFlow(1_000_000, [{ id: 'cool_off', type: 'timer', duration: 'P1D' }]),
    key: 'slow_quote',
  });
});
afterAll(() => env.close());

async function newQuote(amount: number) {
  return addRecord(env.db, 'quote', {
    amount,
    items: [
      { product: 'bolt', qty: 2 },
      { product: 'nut', qty: 5 },
    ],
  });
}

describe('durable runner', () => {
  it('a quote over the limit waits for a director; approving creates the sales order with its lines', async () => {
    const quote = await newQuote(250_000);
    const { instanceId, status } = await env.runner.start({
      appKey: 'erp',
      flowKey: 'quote_approval',
      recordId: quote,
      initiatorId: u.sam!,
    });
    expect(status).toBe('running');
    expect(await openTasks(env.db, instanceId)).toEqual(['director:dirk', 'director:dora']);
    await env.runner.act(await taskId(env.db, instanceId, 'director', u.dora!), u.dora!, {
      action: 'approve',
      comment: 'ok',
    });
    expect(await instanceRow(env.db, instanceId)).toMatchObject({ status: 'completed', outcome: 'approved' });
    const orders = (await recordsOf(env.db, 'sales_order')).filter((o) => o.quote === quote);
    expect(orders).toEqual([
      {
        total: 250_000,
        quote,
        lines: [
          { product: 'bolt', qty: 2 },
          { product: 'nut', qty: 5 },
        ],
      },
    ]);
    const timeline = await sql<{
      kind: string;
    }>`select kind from tessera.flow_history where instance_id = ${instanceId} order by id`.execute(env.db);
    expect(timeline.rows.map((r) => r.kind)).toEqual(
      expect.arrayContaining([
        'instance-started',
        'tasks-created',
        'approved',
        'record-created',
        'instance-completed',
      ]),
    );
    const tokens = await sql`select * from tessera.flow_tokens where instance_id = ${instanceId}`.execute(
      env.db,
    );
    expect(tokens.rows).toEqual([]);
  });

  it('two directors approving at the same moment on an any-one node: exactly one transition', async () => {
    const quote = await newQuote(300_000);
    const { instanceId } = await env.runner.start({
      appKey: 'erp',
      flowKey: 'quote_approval',
      recordId: quote,
      initiatorId: u.sam!,
    });
    const a = await taskId(env.db, instanceId, 'director', u.dora!);
    const b = await taskId(env.db, instanceId, 'director', u.dirk!);
    const results = await Promise.allSettled([
      env.runner.act(a, u.dora!, { action: 'approve' }),
      env.runner.act(b, u.dirk!, { action: 'approve' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(FlowError);
    expect(['TASK_NOT_OPEN', 'INSTANCE_NOT_RUNNING']).toContain(failed.reason.code);
    expect((await recordsOf(env.db, 'sales_order')).filter((o) => o.quote === quote)).toHaveLength(1);
    const decided =
      await sql`select 1 from tessera.flow_history where instance_id = ${instanceId} and kind = 'node-decided'`.execute(
        env.db,
      );
    expect(decided.rows).toHaveLength(1);
  });

  it('a refused action changes nothing (not your task), and the task stays open', async () => {
    const { instanceId } = await env.runner.start({
      appKey: 'erp',
      flowKey: 'quote_approval',
      recordId: await newQuote(200_000),
      initiatorId: u.sam!,
    });
    const before = await instanceRow(env.db, instanceId);
    await expect(
      env.runner.act(await taskId(env.db, instanceId, 'director', u.dora!), u.sam!, { action: 'approve' }),
    ).rejects.toMatchObject({
      code: 'NOT_ASSIGNEE',
      category: 'forbidden',
    });
    expect(await instanceRow(env.db, instanceId)).toEqual(before);
    expect(await openTasks(env.db, instanceId)).toHaveLength(2);
  });

  it('publishing a new version while instances run: old ones finish on the old version', async () => {
    const old = await env.runner.start({
      appKey: 'erp',
      flowKey: 'quote_approval',
      recordId: await newQuote(150_000),
      initiatorId: u.sam!,
    });
    // v2: a much higher limit, and a day's cool-off after the director.
    await env.publish('erp', quoteFlow(1_000_000, [{ id: 'cool_off', type: 'timer', duration: 'P1D' }]));
    const fresh = await env.runner.start({
      appKey: 'erp',
      flowKey: 'quote_approval',
      recordId: await newQuote(150_000),
      initiatorId: u.sam!,
    });
    expect(await instanceRow(env.db, fresh.instanceId)).toMatchObject({ status: 'completed', version: 2 });
    await env.runner.act(await taskId(env.db, old.instanceId, 'director', u.dirk!), u.dirk!, {
      action: 'approve',
    });
    expect(await instanceRow(env.db, old.instanceId)).toMatchObject({ status: 'completed', version: 1 });
  });

  it('timers fire from the moved clock, once', async () => {
    const quote = await newQuote(2_000_000);
    const { instanceId } = await env.runner.start({
      appKey: 'erp',
      flowKey: 'slow_quote',
      recordId: quote,
      initiatorId: u.sam!,
    });
    await env.runner.act(await taskId(env.db, instanceId, 'director', u.dora!), u.dora!, {
      action: 'approve',
    });
    const timer = await sql<{
      id: string;
    }>`select id from tessera.flow_timers where instance_id = ${instanceId}`.execute(env.db);
    const jobs = await sql<{ task_identifier: string; run_at: Date }>`
      select task_identifier, run_at from graphile_worker.jobs where key = ${`flow-timer:${timer.rows[0]!.id}`}`.execute(
      env.db,
    );
    expect(jobs.rows.map((j) => [j.task_identifier, new Date(j.run_at).toISOString()])).toEqual([
      ['flows.timer', new Date(env.clock.now().getTime() + DAY).toISOString()],
    ]);
    expect(await env.runner.fireTimer(timer.rows[0]!.id)).toBe('not_due');
    env.clock.advance(DAY);
    expect(await env.runner.fireTimer(timer.rows[0]!.id)).toBe('fired');
    expect(await env.runner.fireTimer(timer.rows[0]!.id)).toBe('gone');
    expect(await instanceRow(env.db, instanceId)).toMatchObject({ status: 'completed', outcome: 'approved' });
    expect((await recordsOf(env.db, 'sales_order')).filter((o) => o.quote === quote)).toHaveLength(1);
  });

  it('a step that crashes half-way leaves nothing behind; the retry does it once', async () => {
    let failNext = true;
    const flaky: RecordGateway = {
      ...jsonRecords,
      async create(executor, target, values, lines) {
        const id = await jsonRecords.create(executor, target, values, lines);
        if (failNext) {
          failNext = false;
          throw new Error('worker killed');
        }
        return id;
      },
    };
    const runner = createFlowRunner({ ...env.context, records: flaky });
    const quote = await newQuote(3_000_000);
    const { instanceId } = await runner.start({
      appKey: 'erp',
      flowKey: 'slow_quote',
      recordId: quote,
      initiatorId: u.sam!,
    });
    const task = await taskId(env.db, instanceId, 'director', u.dora!);
    await runner.act(task, u.dora!, { action: 'approve' });
    const timer = await sql<{
      id: string;
    }>`select id from tessera.flow_timers where instance_id = ${instanceId}`.execute(env.db);
    env.clock.advance(DAY);
    await expect(runner.fireTimer(timer.rows[0]!.id)).rejects.toThrow('worker killed');
    expect((await recordsOf(env.db, 'sales_order')).filter((o) => o.quote === quote)).toHaveLength(0);
    expect(await instanceRow(env.db, instanceId)).toMatchObject({ status: 'running' });
    expect(await runner.fireTimer(timer.rows[0]!.id)).toBe('fired');
    expect((await recordsOf(env.db, 'sales_order')).filter((o) => o.quote === quote)).toHaveLength(1);
    expect(await instanceRow(env.db, instanceId)).toMatchObject({ status: 'completed' });
  });

  it('after a restart in the middle of steps every instance completes, nothing lost or doubled', async () => {
    const quotes = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => newQuote(2_000_000 + i)));
    const ids: string[] = [];
    for (const quote of quotes) {
      ids.push(
        (
          await env.runner.start({
            appKey: 'erp',
            flowKey: 'slow_quote',
            recordId: quote,
            initiatorId: u.sam!,
          })
        ).instanceId,
      );
    }
    // Half of them get past the director before the "crash".
    for (const id of ids.slice(0, 3))
      await env.runner.act(await taskId(env.db, id, 'director', u.dirk!), u.dirk!, { action: 'approve' });
    await env.restart();
    for (const id of ids.slice(3))
      await env.runner.act(await taskId(env.db, id, 'director', u.dora!), u.dora!, { action: 'approve' });
    env.clock.advance(DAY);
    expect(await env.runner.fireDueTimers()).toBeGreaterThanOrEqual(6);
    for (const id of ids)
      expect(await instanceRow(env.db, id)).toMatchObject({ status: 'completed', outcome: 'approved' });
    const orders = await recordsOf(env.db, 'sales_order');
    for (const quote of quotes) expect(orders.filter((o) => o.quote === quote)).toHaveLength(1);
    expect(await env.runner.fireDueTimers()).toBe(0);
  });

  it('withdraw by the initiator and a throttled reminder', async () => {
    const { instanceId } = await env.runner.start({
      appKey: 'erp',
      flowKey: 'quote_approval',
      recordId: await newQuote(5_000_000),
      initiatorId: u.sam!,
    });
    const reminders = sql<{ user_id: string }>`select user_id from tessera.notifications
      where title = 'Reminder: Quote approval' order by user_id`;
    const before = (await reminders.execute(env.db)).rows.length;
    await env.runner.remind(instanceId, u.sam!);
    // both directors of the any-one node are reminded (催办)
    expect((await reminders.execute(env.db)).rows).toHaveLength(before + 2);
    await expect(env.runner.remind(instanceId, u.sam!)).rejects.toMatchObject({ code: 'REMIND_THROTTLED' });
    await expect(env.runner.withdraw(instanceId, u.dora!)).rejects.toMatchObject({
      code: 'WITHDRAW_NOT_ALLOWED',
    });
    await env.runner.withdraw(instanceId, u.sam!, 'customer changed their mind');
    expect(await instanceRow(env.db, instanceId)).toMatchObject({ status: 'withdrawn' });
    // the directors whose tasks it cancelled are told; sam, who withdrew, is not
    const told = await sql<{ user_id: string }>`select user_id from tessera.notifications
      where title = 'Withdrawn: Quote approval' order by user_id`.execute(env.db);
    expect(told.rows.map((r) => r.user_id).sort()).toEqual([u.dirk, u.dora].sort());
    expect(await openTasks(env.db, instanceId)).toEqual([]);
  });

  it('a start needs a published flow and an existing record', async () => {
    await expect(
      env.runner.start({ appKey: 'erp', flowKey: 'nope', recordId: null, initiatorId: u.sam! }),
    ).rejects.toMatchObject({ code: 'FLOW_NOT_PUBLISHED' });
    await expect(
      env.runner.start({
        appKey: 'erp',
        flowKey: 'quote_approval',
        recordId: 'missing',
        initiatorId: u.sam!,
      }),
    ).rejects.toMatchObject({ code: 'RECORD_NOT_FOUND' });
    expect(await recordData(env.db, await newQuote(1))).toMatchObject({ amount: 1 });
  });

  it('a new record starts the flows that start on record_created, once even if the event repeats', async () => {
    await env.publish('erp', {
      key: 'welcome',
      title: { en: 'Welcome a customer' },
      form: 'customer',
      nodes: [
        { id: 'start', type: 'start', on: ['record_created'] },
        { id: 'call', type: 'user_task', assignees: [{ kind: 'initiator' }] },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { from: 'start', to: 'call' },
        { from: 'call', to: 'end' },
      ],
    });
    const customer = await addRecord(env.db, 'customer', { name: 'ACME' });
    const event = {
      app: 'erp',
      form: 'customer',
      recordId: customer,
      kind: 'created' as const,
      actorId: u.sam!,
    };
    const started = await env.runner.onRecordEvent(event);
    expect(started).toHaveLength(1);
    expect(await env.runner.onRecordEvent(event)).toEqual([]);
    expect(await openTasks(env.db, started[0]!)).toEqual(['call:sam']);
    expect(await env.runner.onRecordEvent({ ...event, form: 'quote' })).toEqual([]);
  });
});
