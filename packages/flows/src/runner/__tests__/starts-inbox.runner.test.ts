import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboxService } from '../../inbox/inbox.service';
import { createFlowRunner } from '../flow.runner';
import type { RecordGateway } from '../flow-context';
import { flowJobTasks } from '../flow-jobs';
import {
  addRecord,
  addUsers,
  createFlowTestEnv,
  type FlowTestEnv,
  jsonRecords,
  openTasks,
  taskId,
} from './runner-test-kit';

let env: FlowTestEnv;
let u: Record<string, string>;

const approval = {
  key: 'quote_approval',
  title: { en: 'Quote approval', 'zh-CN': '报价审批' },
  form: 'quote',
  nodes: [
    {
      id: 'start',
      type: 'start',
      on: ['manual', 'record_submitted'],
      submitWhen: { '==': [{ var: 'status' }, 'pending_approval'] },
    },
    {
      id: 'director',
      type: 'approval',
      label: { en: 'Director', 'zh-CN': '总监' },
      assignees: [{ kind: 'role', role: 'sales_director' }],
    },
    { id: 'end', type: 'end', outcome: 'approved' },
  ],
  edges: [
    { from: 'start', to: 'director' },
    { from: 'director', to: 'end' },
  ],
};

const titles = async (userId: string) =>
  (
    await sql<{
      title: string;
    }>`select title from tessera.notifications where user_id = ${userId} order by id`.execute(env.db)
  ).rows.map((r) => r.title);
const instancesOn = async (recordId: string) =>
  (
    await sql<{ id: string; status: string }>`select id, status from tessera.flow_instances
      where record_id = ${recordId} order by started_at`.execute(env.db)
  ).rows;

beforeAll(async () => {
  env = await createFlowTestEnv();
  u = await addUsers(env.db, { sam: {}, dora: { roles: ['sales_director'] }, fei: { roles: ['finance'] } });
  await sql`update tessera.users set email = 'dora@example.com', locale = 'zh-CN' where id = ${u.dora}`.execute(
    env.db,
  );
  await env.publish('erp', approval);
});
afterAll(() => env.close());

describe('idempotent starts', () => {
  it('the same start key starts one instance, also when two starts race', async () => {
    const quote = await addRecord(env.db, 'quote', { amount: 1 });
    const input = { appKey: 'erp', flowKey: 'quote_approval', recordId: quote, initiatorId: u.sam! };
    const [a, b] = await Promise.all([
      env.runner.start({ ...input, startKey: 'rule-action:41' }),
      env.runner.start({ ...input, startKey: 'rule-action:41' }),
    ]);
    expect(a.instanceId).toBe(b.instanceId);
    const again = await env.runner.start({ ...input, startKey: 'rule-action:41' });
    expect(again).toMatchObject({ instanceId: a.instanceId, existing: true });
    expect(await instancesOn(quote)).toHaveLength(1);
    expect(await openTasks(env.db, a.instanceId)).toEqual(['director:dora']);
  });

  it('a flows.start job run twice (a retry after a crash) starts one instance', async () => {
    const quote = await addRecord(env.db, 'quote', { amount: 2 });
    const start = flowJobTasks(env.context)['flows.start']!;
    const payload = { appKey: 'erp', flowKey: 'quote_approval', recordId: quote, initiatorId: u.sam };
    await start(payload, { jobId: '901', attempts: 1 });
    await start(payload, { jobId: '901', attempts: 2 });
    expect(await instancesOn(quote)).toHaveLength(1);
    // A different job (a second, deliberate start) is a second instance.
    await start(payload, { jobId: '902', attempts: 1 });
    expect(await instancesOn(quote)).toHaveLength(2);
  });
});

describe('start on record_submitted', () => {
  const event = (
    recordId: string,
    version: number,
    changes: object,
    kind: 'created' | 'updated' = 'updated',
  ) => ({
    app: 'erp',
    form: 'quote',
    recordId,
    kind,
    actorId: u.sam!,
    version,
    changes: changes as Record<string, { old: unknown; new: unknown }>,
  });

  it('a draft starts nothing; the status reaching pending_approval submits it, once', async () => {
    const quote = await addRecord(env.db, 'quote', { amount: 5, status: 'draft' });
    expect(
      await env.runner.onRecordEvent(event(quote, 1, { status: { old: null, new: 'draft' } }, 'created')),
    ).toEqual([]);
    await jsonRecords.update(
      env.db,
      { appKey: 'erp', formKey: 'quote', recordId: quote },
      { status: 'pending_approval' },
      null,
    );
    const submitted = event(quote, 2, { status: { old: 'draft', new: 'pending_approval' } });
    const started = await env.runner.onRecordEvent(submitted);
    expect(started).toHaveLength(1);
    expect(await env.runner.onRecordEvent(submitted)).toEqual([]); // the event again (a retried job)
    // another field changes while pending: not a new submission
    expect(await env.runner.onRecordEvent(event(quote, 3, { amount: { old: 5, new: 6 } }))).toEqual([]);
    expect(await instancesOn(quote)).toHaveLength(1);
    expect(await openTasks(env.db, started[0]!)).toEqual(['director:dora']);
  });

  it('a submission while the request is returned to sam resubmits it; after a rejection it starts anew', async () => {
    const quote = await addRecord(env.db, 'quote', { amount: 7, status: 'pending_approval' });
    const [id] = await env.runner.onRecordEvent(
      event(quote, 1, { status: { old: null, new: 'pending_approval' } }, 'created'),
    );
    await env.runner.act(await taskId(env.db, id!, 'director', u.dora!), u.dora!, {
      action: 'return',
      returnTo: 'initiator',
    });
    expect(await openTasks(env.db, id!)).toEqual(['start:sam']);
    expect(await titles(u.sam!)).toContain('Returned to you: Quote approval');
    await env.runner.onRecordEvent(event(quote, 2, { status: { old: 'draft', new: 'pending_approval' } }));
    expect(await openTasks(env.db, id!)).toEqual(['director:dora']);
    await env.runner.act(await taskId(env.db, id!, 'director', u.dora!), u.dora!, { action: 'reject' });
    expect(
      await env.runner.onRecordEvent(
        event(quote, 3, { status: { old: 'rejected', new: 'pending_approval' } }),
      ),
    ).toHaveLength(1);
    expect((await instancesOn(quote)).map((i) => i.status).sort()).toEqual(['completed', 'running']);
  });
});

describe('flow messages', () => {
  it('a new task, the outcome and a notify step reach people in-app and by e-mail, in their language', async () => {
    const quote = await addRecord(env.db, 'quote', { amount: 9 });
    const before = (await titles(u.dora!)).length;
    const { instanceId } = await env.runner.start({
      appKey: 'erp',
      flowKey: 'quote_approval',
      recordId: quote,
      initiatorId: u.sam!,
    });
    expect((await titles(u.dora!)).slice(before)).toEqual(['待审批：报价审批']);
    const mail = await sql<{ subject: string; body: string; status: string }>`select subject, body, status
      from tessera.mail_outbox where to_address = 'dora@example.com' order by id desc limit 1`.execute(
      env.db,
    );
    expect(mail.rows[0]).toEqual({
      subject: '待审批：报价审批',
      body: '总监：有一项申请等待您审批。',
      status: 'held',
    });
    await env.runner.act(await taskId(env.db, instanceId, 'director', u.dora!), u.dora!, {
      action: 'approve',
    });
    expect((await titles(u.sam!)).at(-1)).toBe('Approved: Quote approval');
  });

  it('messages are written in the step’s transaction: a step that fails leaves none', async () => {
    await env.publish('erp', {
      key: 'announce',
      title: { en: 'Announce' },
      form: 'quote',
      nodes: [
        { id: 'start', type: 'start' },
        {
          id: 'tell',
          type: 'service',
          action: {
            type: 'notify',
            channels: ['in_app'],
            to: [{ kind: 'role', role: 'finance' }],
            body: { en: 'New quote {{ amount }}' },
          },
        },
        {
          id: 'copy',
          type: 'service',
          action: { type: 'create_record', form: 'copy', values: { amount: { var: 'amount' } } },
        },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { from: 'start', to: 'tell' },
        { from: 'tell', to: 'copy' },
        { from: 'copy', to: 'end' },
      ],
    });
    const broken: RecordGateway = {
      ...jsonRecords,
      create: async () => {
        throw new Error('worker killed');
      },
    };
    const quote = await addRecord(env.db, 'quote', { amount: 42 });
    const input = { appKey: 'erp', flowKey: 'announce', recordId: quote, initiatorId: u.sam! };
    await expect(createFlowRunner({ ...env.context, records: broken }).start(input)).rejects.toThrow(
      'worker killed',
    );
    expect(await titles(u.fei!)).toEqual([]);
    await env.runner.start(input);
    expect(await titles(u.fei!)).toEqual(['New quote 42']);
  });
});

describe('inbox pages and counts', () => {
  it('pages through each box newest first, without repeats or gaps while new work arrives; counts for the badges', async () => {
    const users = await addUsers(env.db, { pia: { roles: ['pager'] }, ian: {} });
    await env.publish('erp', {
      key: 'paging',
      title: { en: 'Paging' },
      form: 'quote',
      nodes: [
        { id: 'start', type: 'start' },
        {
          id: 'check',
          type: 'approval',
          assignees: [{ kind: 'role', role: 'pager' }],
          cc: [{ kind: 'user', user: 'ian' }],
        },
        { id: 'end', type: 'end', outcome: 'approved' },
      ],
      edges: [
        { from: 'start', to: 'check' },
        { from: 'check', to: 'end' },
      ],
    });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      env.clock.advance(i % 2 === 0 ? 1000 : 0); // equal times too: the id breaks the tie
      const quote = await addRecord(env.db, 'quote', { amount: i });
      ids.push(
        (
          await env.runner.start({
            appKey: 'erp',
            flowKey: 'paging',
            recordId: quote,
            initiatorId: users.ian!,
          })
        ).instanceId,
      );
    }
    const inbox = createInboxService(env.context);
    const seen: string[] = [];
    let page = await inbox.list(users.pia!, 'todo', { limit: 3 });
    seen.push(...page.items.map((i) => i.instanceId));
    // A new request arrives while pia pages: it is newer, so it is not on the later pages.
    env.clock.advance(1000);
    const late = await env.runner.start({
      appKey: 'erp',
      flowKey: 'paging',
      recordId: await addRecord(env.db, 'quote', { amount: 99 }),
      initiatorId: users.ian!,
    });
    while (page.nextCursor) {
      page = await inbox.list(users.pia!, 'todo', { limit: 3, cursor: page.nextCursor });
      seen.push(...page.items.map((i) => i.instanceId));
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(ids));
    expect(seen).not.toContain(late.instanceId);
    expect((await inbox.list(users.pia!, 'todo', { limit: 1 })).items[0]!.instanceId).toBe(late.instanceId);
    // pia approves three: they move to done, ian is copied on each.
    for (const id of ids.slice(0, 3))
      await env.runner.act(await taskId(env.db, id, 'check', users.pia!), users.pia!, { action: 'approve' });
    expect(await inbox.counts(users.pia!)).toEqual({ todo: 5, done: 3, cc: 0, started: 0 });
    expect(await inbox.counts(users.ian!)).toEqual({ todo: 0, done: 0, cc: 3, started: 8 });
    for (const box of ['done', 'cc', 'started'] as const) {
      const user = box === 'done' ? users.pia! : users.ian!;
      const all: string[] = [];
      let next: string | null | undefined;
      do {
        const p = await inbox.list(user, box, { limit: 2, ...(next ? { cursor: next } : {}) });
        all.push(...p.items.map((i) => i.instanceId));
        next = p.nextCursor;
      } while (next);
      expect(all).toHaveLength(box === 'started' ? 8 : 3);
      expect(new Set(all).size).toBe(all.length);
    }
    await expect(inbox.list(users.pia!, 'todo', { cursor: 'bm90IGEgY3Vyc29y' })).rejects.toMatchObject({
      code: 'INVALID_CURSOR',
    });
  });
});
