import { createFormService, createRecordService, RECORD_EVENT_TASK } from '@tessera/forms';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';
import { jobTasks } from '../../jobs/job-tasks';

/**
 * Flow messages through the platform's channels (the notifications API and the mail outbox),
 * starting on submit, return to the initiator, idempotent starts and inbox pages — over HTTP,
 * with the worker's jobs run by hand and a clock the test moves.
 */
const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const customerForm = {
  key: 'customer',
  title: label('Customer', '客户'),
  fields: [{ id: 'c1', key: 'name', type: 'text', label: label('Name', '名称') }],
};
const quoteForm = {
  key: 'quote',
  title: label('Quote', '报价单'),
  fields: [
    {
      id: 'q0',
      key: 'number',
      type: 'auto_number',
      label: label('No.', '编号'),
      pattern: 'QT-{YYYY}-{seq:4}',
    },
    { id: 'q4', key: 'customer', type: 'link', form: 'customer', label: label('Customer', '客户') },
    { id: 'q1', key: 'amount', type: 'number', label: label('Amount', '金额') },
    { id: 'q2', key: 'discount', type: 'number', label: label('Discount', '折扣') },
    { id: 'q3', key: 'status', type: 'text', label: label('Status', '状态') },
  ],
};
const flow = {
  key: 'quote_approval',
  title: label('Quote approval', '报价审批'),
  form: 'quote',
  nodes: [
    {
      id: 'start',
      type: 'start',
      on: ['manual', 'rule', 'record_submitted'],
      submitWhen: { '==': [{ var: 'status' }, 'pending_approval'] },
      fields: { discount: 'edit', amount: 'read' },
    },
    {
      id: 'director',
      type: 'approval',
      label: label('Sales director', '销售总监'),
      assignees: [{ kind: 'role', role: 'sales_director' }],
      due: { after: 'P1D', action: 'remind' },
      cc: [{ kind: 'role', role: 'finance' }],
      fields: { discount: 'edit' },
    },
    { id: 'end', type: 'end', outcome: 'approved' },
  ],
  edges: [
    { from: 'start', to: 'director' },
    { from: 'director', to: 'end' },
  ],
};

let now = new Date('2026-03-02T09:00:00Z');
const clock = { now: () => new Date(now.getTime()) };
let t: TestApp;
let admin: Client;
let sam: Client;
let dora: Client;
let eve: Client;
let jobs: ReturnType<typeof jobTasks>;
const ids: Record<string, string> = {};
const records = () => createRecordService({ db: t.database.db, actor: { id: ids.sam! }, clock });

/** Runs the queued record events, as the worker would. */
async function drainRecordEvents(): Promise<void> {
  for (;;) {
    const rows = await sql<{ id: string; payload: unknown }>`
      select j.id, j.payload from graphile_worker._private_jobs j
      join graphile_worker._private_tasks k on k.id = j.task_id
      where k.identifier = ${RECORD_EVENT_TASK} order by j.id limit 1`.execute(t.database.db);
    const job = rows.rows[0];
    if (!job) return;
    await sql`delete from graphile_worker._private_jobs where id = ${job.id}`.execute(t.database.db);
    await jobs[RECORD_EVENT_TASK]!(job.payload, { jobId: job.id, attempts: 1 });
  }
}

const get = async (client: Client, url: string) => {
  const res = await client.request('GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const post = async (client: Client, url: string, body: object = {}) => {
  const res = await client.request('POST', url, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const titles = async (client: Client) =>
  (await get(client, '/api/notifications?status=all')).items.map((n: { title: string }) => n.title).reverse();
const instancesOn = async (recordId: string) =>
  (
    await sql<{ id: string }>`select id from tessera.flow_instances where record_id = ${recordId}`.execute(
      t.database.db,
    )
  ).rows;

/** How messages name a quote: its form, number and customer. */
const named = (lang: 'en' | 'zh-CN', number: unknown) =>
  `${lang === 'en' ? 'Quote' : '报价单'} ${String(number)} · 华东精密`;

async function submittedQuote(
  amount: number,
): Promise<{ quoteId: string; instanceId: string; taskId: string; number: string }> {
  const quote = await records().create('erp', 'quote', {
    amount,
    discount: 0,
    status: 'pending_approval',
    customer: ids.customer,
  });
  await drainRecordEvents();
  const [instance] = await instancesOn(String(quote.id));
  const todo = await get(dora, '/api/tasks?box=todo&limit=200');
  const task = todo.items.find((i: { instanceId: string }) => i.instanceId === instance!.id);
  return {
    quoteId: String(quote.id),
    instanceId: instance!.id,
    taskId: task.taskId,
    number: String(quote.number),
  };
}

beforeAll(async () => {
  t = await createTestApp({}, { clock });
  jobs = jobTasks({ db: t.database.db, clock });
  await addUser(t, 'boss', 'secret-password-1', true);
  for (const name of ['sam', 'dora', 'eve']) await addUser(t, name, 'secret-password-1');
  const db = t.database.db;
  await sql`update tessera.users set email = username || '@example.com' where username in ('sam', 'dora')`.execute(
    db,
  );
  await sql`update tessera.users set locale = 'zh-CN' where username = 'dora'`.execute(db);
  for (const row of (
    await sql<{ id: string; username: string }>`select id, username from tessera.users`.execute(db)
  ).rows)
    ids[row.username] = row.id;
  await sql`insert into tessera.role_members (role, user_id) values ('sales_director', ${ids.dora}), ('finance', ${ids.eve})`.execute(
    db,
  );
  const forms = createFormService({ db, actor: { id: null }, clock });
  await forms.ensureApp('erp', label('ERP', 'ERP'));
  for (const form of [customerForm, quoteForm]) {
    const draft = await forms.saveDraft('erp', form);
    if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
    if (!(await forms.publish('erp', form.key, draft.version)).ok) throw new Error('form publish refused');
  }
  ids.customer = String((await records().create('erp', 'customer', { name: '华东精密' })).id);
  [admin, sam, dora, eve] = (await Promise.all(
    ['boss', 'sam', 'dora', 'eve'].map((u) => login(t, u, 'secret-password-1')),
  )) as [Client, Client, Client, Client];
  expect((await admin.request('POST', '/api/apps/erp/flows', flow)).statusCode).toBe(200);
  expect((await admin.request('POST', '/api/apps/erp/flows/quote_approval/publish')).statusCode).toBe(200);
});
afterAll(() => t.close());

describe('flow messages, submit, return to the initiator, idempotent starts, inbox pages', () => {
  let quote: { quoteId: string; instanceId: string; taskId: string; number: string };

  it('a draft starts nothing; submitting (status → pending_approval) starts one approval, however often the event runs', async () => {
    const draft = await records().create('erp', 'quote', { amount: 900, discount: 0, status: 'draft' });
    await drainRecordEvents();
    expect(await instancesOn(String(draft.id))).toEqual([]);
    await records().update('erp', 'quote', String(draft.id), 1, { status: 'pending_approval' });
    const event = await sql<{ payload: unknown }>`select j.payload from graphile_worker._private_jobs j
      join graphile_worker._private_tasks k on k.id = j.task_id where k.identifier = ${RECORD_EVENT_TASK}`.execute(
      t.database.db,
    );
    await drainRecordEvents();
    await jobs[RECORD_EVENT_TASK]!(event.rows[0]!.payload, { jobId: 'again', attempts: 2 });
    expect(await instancesOn(String(draft.id))).toHaveLength(1);
  });

  it('dora gets the task in her inbox, in-app and by e-mail in Chinese; the badge counts it', async () => {
    const before = (await get(dora, '/api/tasks/counts')).todo;
    const mailsBefore = (await get(admin, '/api/mail-outbox')).items.length;
    quote = await submittedQuote(250_000);
    expect(await get(dora, '/api/tasks/counts')).toMatchObject({ todo: before + 1 });
    // the record by its form, number and customer; the flow and the step in the body
    expect(quote.number).toMatch(/^QT-2026-\d{4}$/);
    expect((await titles(dora)).at(-1)).toBe(`待审批：${named('zh-CN', quote.number)}`);
    const mails = (await get(admin, '/api/mail-outbox')).items;
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails[0]).toMatchObject({
      to: 'dora@example.com',
      locale: 'zh-CN',
      subject: `待审批：${named('zh-CN', quote.number)}`,
      body: '报价审批 · 销售总监：有一项申请等待您审批。',
      status: 'held',
    });
  });

  it('sam reminds dora (催办); when the due time passes she is reminded again', async () => {
    await post(sam, `/api/flow-instances/${quote.instanceId}/remind`);
    expect((await titles(dora)).at(-1)).toBe(`催办：${named('zh-CN', quote.number)}`);
    now = new Date(now.getTime() + 25 * 3_600_000);
    const timer = await sql<{ id: string }>`select id from tessera.flow_timers
      where instance_id = ${quote.instanceId} and status = 'scheduled'`.execute(t.database.db);
    await jobs['flows.timer']!({ timerId: timer.rows[0]!.id }, { jobId: 't1', attempts: 1 });
    expect((await titles(dora)).at(-1)).toBe(`已超时：${named('zh-CN', quote.number)}`);
  });

  it('dora returns it to sam (退回发起人); sam edits the discount and resubmits; on approval eve is copied and sam told', async () => {
    await post(dora, `/api/tasks/${quote.taskId}/actions/return`, {
      returnTo: 'initiator',
      comment: 'discount?',
    });
    expect((await titles(sam)).at(-1)).toBe(`Returned to you: ${named('en', quote.number)}`);
    const todo = await get(sam, '/api/tasks?box=todo');
    expect(todo.items).toHaveLength(1);
    expect(todo.items[0]).toMatchObject({
      instanceId: quote.instanceId,
      nodeId: 'start',
      taskKind: 'resubmit',
    });
    const detail = await get(sam, `/api/tasks/${todo.items[0].taskId}`);
    expect(detail.actions).toEqual(['resubmit', 'comment', 'withdraw']);
    expect(detail.record.access).toMatchObject({ discount: 'edit', amount: 'read' });
    const refused = await sam.request('POST', `/api/tasks/${todo.items[0].taskId}/actions/resubmit`, {
      values: { amount: 1 },
    });
    expect(refused.statusCode).toBe(403);
    await post(sam, `/api/tasks/${todo.items[0].taskId}/actions/resubmit`, { values: { discount: 0.08 } });
    expect(Number((await records().get('erp', 'quote', quote.quoteId)).discount)).toBe(0.08);
    const again = (await get(dora, '/api/tasks?box=todo&limit=200')).items.find(
      (i: { instanceId: string }) => i.instanceId === quote.instanceId,
    );
    expect((await titles(dora)).at(-1)).toBe(`待审批：${named('zh-CN', quote.number)}`);
    expect(await post(dora, `/api/tasks/${again.taskId}/actions/approve`)).toMatchObject({
      status: 'completed',
      outcome: 'approved',
    });
    expect((await titles(eve)).at(-1)).toBe(`For your information: ${named('en', quote.number)}`);
    expect((await titles(sam)).at(-1)).toBe(`Approved: ${named('en', quote.number)}`);
    expect((await get(admin, '/api/mail-outbox')).items[0]).toMatchObject({
      to: 'sam@example.com',
      subject: `Approved: ${named('en', quote.number)}`,
      body: 'Quote approval · Your request was approved.',
    });
    // eve has no e-mail address: in-app only
    expect(
      (await get(admin, '/api/mail-outbox?limit=100')).items.some((m: { to: string }) =>
        m.to.startsWith('eve'),
      ),
    ).toBe(false);
  });

  it('a rejection tells sam, with dora’s reason', async () => {
    const second = await submittedQuote(300_000);
    await post(dora, `/api/tasks/${second.taskId}/actions/reject`, { comment: 'margin too low' });
    const latest = (await get(sam, '/api/notifications?status=all')).items[0];
    expect(latest).toMatchObject({ title: `Rejected: ${named('en', second.number)}` });
    expect(latest.body).toContain('margin too low');
  });

  it('a rule’s flow.start job run twice (retried after a crash) starts one instance', async () => {
    const q = await records().create('erp', 'quote', { amount: 10, discount: 0, status: 'draft' });
    const payload = {
      app: 'erp',
      flow: 'quote_approval',
      recordId: String(q.id),
      initiatorId: ids.sam,
      ruleActionId: 77,
    };
    await Promise.all([
      jobs['flow.start']!(payload, { jobId: '500', attempts: 1 }),
      jobs['flow.start']!(payload, { jobId: '500', attempts: 2 }),
    ]);
    await jobs['flow.start']!(payload, { jobId: '501', attempts: 1 }); // re-enqueued by hand: same firing
    expect(await instancesOn(String(q.id))).toHaveLength(1);
  });

  it('sam pages through the requests he started; a cursor the server did not hand out is a 400', async () => {
    const started: string[] = [];
    let url = '/api/tasks?box=started&limit=2';
    for (;;) {
      const page = await get(sam, url);
      started.push(...page.items.map((i: { instanceId: string }) => i.instanceId));
      if (!page.nextCursor) break;
      url = `/api/tasks?box=started&limit=2&cursor=${encodeURIComponent(page.nextCursor)}`;
    }
    expect(started).toHaveLength((await get(sam, '/api/tasks/counts')).started);
    expect(new Set(started).size).toBe(started.length);
    const bad = await sam.request('GET', '/api/tasks?box=started&cursor=bm9wZQ');
    expect(bad.statusCode).toBe(400);
  });
});
