import { createFlowDefinitionService, createFlowRunner, type FlowRunner } from '@tessera/flows';
import { createFormService, createRecordService, RECORD_EVENT_TASK } from '@tessera/forms';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobTasks } from '../../jobs/job-tasks';
import { formsRecordGateway } from '../forms-record.gateway';

/**
 * R8–R11 on real forms: quote → (director if over the limit) → sales confirms → sales order
 * with its lines → stock check (purchase suggestion + purchasing when short) → warehouse ships →
 * order shipped, customer notified → finance invoices → receivable → payment → written off.
 * A step's record writes are made by the records service inside the step's transaction; the worker
 * is played by `drain()`: it runs the record events the writes enqueued, as the job queue would.
 */
const label = (en: string) => ({ en });
const text = (id: string, key: string) => ({ id, key, type: 'text', label: label(key) });
const num = (id: string, key: string) => ({ id, key, type: 'number', label: label(key) });
/** The quote a made record links back to (`linkBack` needs a link field). */
const link = (id: string) => ({ id, key: 'quote_ref', type: 'link', form: 'quote', label: label('Quote') });
const lines = (id: string) => ({
  id,
  key: 'lines',
  type: 'line_items',
  label: label('Lines'),
  fields: [text(`${id}a`, 'product'), num(`${id}b`, 'qty')],
});
const forms = [
  {
    key: 'quote',
    title: label('Quote'),
    fields: [
      num('q1', 'amount'),
      { id: 'q2', key: 'in_stock', type: 'boolean', label: label('In stock') },
      text('q3', 'status'),
      num('q4', 'paid'),
      lines('q5'),
    ],
  },
  {
    key: 'sales_order',
    title: label('Sales order'),
    fields: [link('s1'), num('s2', 'amount'), text('s3', 'status'), lines('s4'), text('s5', 'channel')],
  },
  {
    key: 'purchase_suggestion',
    title: label('Purchase suggestion'),
    fields: [link('p1'), text('p2', 'note')],
  },
  {
    key: 'receivable',
    title: label('Receivable'),
    fields: [link('r1'), num('r2', 'amount'), text('r3', 'status')],
  },
];
const role = (r: string) => [{ kind: 'role', role: r }];
const create = (form: string, values: object, extra: object = {}) => ({
  type: 'service',
  action: { type: 'create_record', form, values, linkBack: 'quote_ref', ...extra },
});
const orderToCash = {
  key: 'order_to_cash',
  title: label('Order to cash'),
  form: 'quote',
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'limit', type: 'exclusive_gateway' },
    { id: 'director', type: 'approval', assignees: role('sales_director') },
    { id: 'confirm', type: 'user_task', assignees: [{ kind: 'initiator' }] },
    {
      id: 'make_order',
      ...create(
        'sales_order',
        { amount: { var: 'amount' }, status: 'open' },
        {
          lineItems: {
            lines: { from: 'lines', values: { product: { var: 'product' }, qty: { var: 'qty' } } },
          },
        },
      ),
    },
    { id: 'stock', type: 'exclusive_gateway' },
    { id: 'suggest', ...create('purchase_suggestion', { note: 'restock for quote' }) },
    { id: 'purchase', type: 'user_task', assignees: role('purchasing') },
    { id: 'ship', type: 'user_task', assignees: role('warehouse') },
    { id: 'shipped', type: 'service', action: { type: 'update_record', set: { status: 'shipped' } } },
    {
      id: 'tell_customer',
      type: 'service',
      action: {
        type: 'notify',
        channels: ['email'],
        to: [{ kind: 'address', address: 'buyer@example.com' }],
        body: label('Your order of {{ amount }} has shipped'),
      },
    },
    { id: 'invoice', type: 'user_task', assignees: role('finance') },
    { id: 'receivable', ...create('receivable', { amount: { var: 'amount' }, status: 'open' }) },
    { id: 'payment', type: 'wait', condition: { '>=': [{ var: 'paid' }, { var: 'amount' }] } },
    { id: 'write_off', type: 'service', action: { type: 'update_record', set: { status: 'paid' } } },
    { id: 'end', type: 'end', outcome: 'approved' },
  ],
  edges: [
    { from: 'start', to: 'limit' },
    { from: 'limit', to: 'director', condition: { '>': [{ var: 'amount' }, 100000] } },
    { from: 'limit', to: 'confirm', default: true },
    { from: 'director', to: 'confirm' },
    { from: 'confirm', to: 'make_order' },
    { from: 'make_order', to: 'stock' },
    { from: 'stock', to: 'ship', condition: { '==': [{ var: 'in_stock' }, true] } },
    { from: 'stock', to: 'suggest', default: true },
    { from: 'suggest', to: 'purchase' },
    { from: 'purchase', to: 'ship' },
    { from: 'ship', to: 'shipped' },
    { from: 'shipped', to: 'tell_customer' },
    { from: 'tell_customer', to: 'invoice' },
    { from: 'invoice', to: 'receivable' },
    { from: 'receivable', to: 'payment' },
    { from: 'payment', to: 'write_off' },
    { from: 'write_off', to: 'end' },
  ],
};
/** Makes the order, then a receivable the records service refuses — in one step. */
const refusedReceivable = {
  key: 'refused_receivable',
  title: label('Refused receivable'),
  form: 'quote',
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'confirm', type: 'user_task', assignees: [{ kind: 'initiator' }] },
    { id: 'make_order', ...create('sales_order', { amount: { var: 'amount' }, status: 'open' }) },
    { id: 'receivable', ...create('receivable', { amount: 'a lot', status: 'open' }) },
    { id: 'end', type: 'end', outcome: 'approved' },
  ],
  edges: [
    { from: 'start', to: 'confirm' },
    { from: 'confirm', to: 'make_order' },
    { from: 'make_order', to: 'receivable' },
    { from: 'receivable', to: 'end' },
  ],
};

let t: TestDatabase;
let db: Kysely<any>;
let runner: FlowRunner;
const users: Record<string, string> = {};
const clock = { now: () => new Date() };
const records = () => createRecordService({ db, actor: { id: null }, clock });

/** Runs the queued record events until none are left (the worker's job). */
async function drain(): Promise<void> {
  for (;;) {
    const jobs = await sql<{ id: string; payload: any }>`
      select j.id, j.payload from graphile_worker._private_jobs j
      join graphile_worker._private_tasks k on k.id = j.task_id
      where k.identifier = ${RECORD_EVENT_TASK} order by j.id limit 1`.execute(db);
    const job = jobs.rows[0];
    if (!job) return;
    await sql`delete from graphile_worker._private_jobs where id = ${job.id}`.execute(db);
    await runner.onRecordEvent(job.payload);
  }
}

async function act(instanceId: string, node: string, user: string, action: 'approve' | 'reject' = 'approve') {
  const rows = await sql<{ id: string }>`select id from tessera.flow_tasks where instance_id = ${instanceId}
    and node_id = ${node} and assignee_id = ${users[user]} and status = 'open'`.execute(db);
  if (!rows.rows[0]) throw new Error(`${user} has no open task at ${node}`);
  await runner.act(rows.rows[0].id, users[user]!, { action });
  await drain();
}

async function openNodes(instanceId: string): Promise<string[]> {
  const rows = await sql<{ node_id: string }>`select distinct node_id from tessera.flow_tasks
    where instance_id = ${instanceId} and status = 'open' order by node_id`.execute(db);
  return rows.rows.map((r) => r.node_id);
}

async function linked(form: string, quoteId: string) {
  const page = await records().list('otc', form, { filter: { '==': [{ var: 'quote_ref' }, quoteId] } });
  return page.items;
}

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  for (const [name, role] of [
    ['sam', 'sales'],
    ['dora', 'sales_director'],
    ['pat', 'purchasing'],
    ['wu', 'warehouse'],
    ['fei', 'finance'],
  ]) {
    const row = await sql<{ id: string }>`insert into tessera.users (username, display_name, password_hash)
      values (${name}, ${name}, 'x') returning id`.execute(db);
    users[name!] = row.rows[0]!.id;
    await sql`insert into tessera.role_members (role, user_id) values (${role}, ${users[name!]})`.execute(db);
  }
  const formService = createFormService({ db, actor: { id: null }, clock });
  await formService.ensureApp('otc', label('Order to cash'));
  for (const form of forms) {
    const draft = await formService.saveDraft('otc', form);
    if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
    const published = await formService.publish('otc', form.key, draft.version);
    if (!published.ok) throw new Error(`publish ${form.key} refused`);
  }
  const definitions = createFlowDefinitionService({ db, clock });
  for (const flow of [orderToCash, refusedReceivable]) {
    const saved = await definitions.saveDraft('otc', flow);
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    await definitions.publish('otc', flow.key);
  }
  runner = createFlowRunner({ db, clock, records: formsRecordGateway() });
});
afterAll(() => t.close());

describe('order to cash on real forms (R8–R11)', () => {
  it.each([
    { name: 'a small quote with stock', amount: 8000, inStock: true, director: false, purchase: false },
    {
      name: 'a large quote the director approves, stock short',
      amount: 250000,
      inStock: false,
      director: true,
      purchase: true,
    },
  ])('$name runs to the write-off', async ({ amount, inStock, director, purchase }) => {
    const quote = await records().create('otc', 'quote', {
      amount,
      in_stock: inStock,
      status: 'draft',
      paid: 0,
      lines: [
        { product: 'pump', qty: 2 },
        { product: 'valve', qty: 10 },
      ],
    });
    const quoteId = String(quote.id);
    await drain();
    const { instanceId } = await runner.start({
      appKey: 'otc',
      flowKey: 'order_to_cash',
      recordId: quoteId,
      initiatorId: users.sam!,
    });
    await drain();
    if (director) {
      expect(await openNodes(instanceId)).toEqual(['director']);
      await act(instanceId, 'director', 'dora');
    }
    expect(await openNodes(instanceId)).toEqual(['confirm']);
    await act(instanceId, 'confirm', 'sam');
    const orders = await linked('sales_order', quoteId);
    expect(orders).toHaveLength(1);
    const [order] = orders;
    expect(order).toMatchObject({ status: 'open', quote_ref: quoteId });
    expect(Number(order!.amount)).toBe(amount);
    const full = await records().get('otc', 'sales_order', String(order!.id));
    expect((full.lines as { product: string; qty: number }[]).map((l) => [l.product, Number(l.qty)])).toEqual(
      [
        ['pump', 2],
        ['valve', 10],
      ],
    );
    expect(await linked('purchase_suggestion', quoteId)).toHaveLength(purchase ? 1 : 0);
    if (purchase) await act(instanceId, 'purchase', 'pat');
    expect(await openNodes(instanceId)).toEqual(['ship']);
    await act(instanceId, 'ship', 'wu');
    expect((await records().get('otc', 'quote', quoteId)).status).toBe('shipped');
    // The customer's e-mail is in the mail outbox (held: no SMTP in this test), written by the step.
    const mail = await sql<{ to_address: string; status: string }>`select to_address, status
      from tessera.mail_outbox where body = ${`Your order of ${amount} has shipped`}`.execute(db);
    expect(mail.rows).toEqual([{ to_address: 'buyer@example.com', status: 'held' }]);
    await act(instanceId, 'invoice', 'fei');
    const receivables = await linked('receivable', quoteId);
    expect(receivables).toHaveLength(1);
    const [receivable] = receivables;
    expect(receivable).toMatchObject({ status: 'open' });
    expect(Number(receivable!.amount)).toBe(amount);
    // Finance records the payment on the quote: the record event resumes the waiting flow.
    const current = await records().get('otc', 'quote', quoteId);
    await records().update('otc', 'quote', quoteId, Number(current.version), { paid: amount });
    await drain();
    const instance = await sql<{
      status: string;
      outcome: string;
    }>`select status, outcome from tessera.flow_instances where id = ${instanceId}`.execute(db);
    expect(instance.rows[0]).toEqual({ status: 'completed', outcome: 'approved' });
    expect((await records().get('otc', 'quote', quoteId)).status).toBe('paid');
  });

  it('the director rejects a large quote: the flow ends rejected and no order is made', async () => {
    const quote = await records().create('otc', 'quote', {
      amount: 900000,
      in_stock: true,
      status: 'draft',
      paid: 0,
      lines: [],
    });
    const { instanceId } = await runner.start({
      appKey: 'otc',
      flowKey: 'order_to_cash',
      recordId: String(quote.id),
      initiatorId: users.sam!,
    });
    await act(instanceId, 'director', 'dora', 'reject');
    const instance = await sql<{
      status: string;
      outcome: string;
    }>`select status, outcome from tessera.flow_instances where id = ${instanceId}`.execute(db);
    expect(instance.rows[0]).toEqual({ status: 'completed', outcome: 'rejected' });
    expect(await linked('sales_order', String(quote.id))).toEqual([]);
    expect(await openNodes(instanceId)).toEqual([]);
  });

  it('a step updates the records of another form that match a filter (update_record with where), and only those', async () => {
    const definitions = createFlowDefinitionService({ db, clock });
    const saved = await definitions.saveDraft('otc', {
      key: 'close_legacy',
      title: label('Close legacy orders'),
      form: 'quote',
      nodes: [
        { id: 'start', type: 'start' },
        {
          id: 'close',
          type: 'service',
          action: {
            type: 'update_record',
            form: 'sales_order',
            where: { '==': [{ var: 'channel' }, 'legacy'] },
            set: { status: 'cancelled' },
          },
        },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { from: 'start', to: 'close' },
        { from: 'close', to: 'end' },
      ],
    });
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    await definitions.publish('otc', 'close_legacy');
    for (const channel of ['legacy', 'legacy', 'current'])
      await records().create('otc', 'sales_order', { channel, amount: 1, status: 'open', lines: [] });
    const quote = await records().create('otc', 'quote', {
      amount: 1,
      in_stock: true,
      status: 'draft',
      paid: 0,
      lines: [],
    });
    const done = await runner.start({
      appKey: 'otc',
      flowKey: 'close_legacy',
      recordId: String(quote.id),
      initiatorId: users.sam!,
    });
    expect(done).toMatchObject({ status: 'completed' });
    const statuses = async (channel: string) =>
      (
        await records().list('otc', 'sales_order', { filter: { '==': [{ var: 'channel' }, channel] } })
      ).items.map((o) => o.status);
    expect(await statuses('legacy')).toEqual(['cancelled', 'cancelled']);
    expect(await statuses('current')).toEqual(['open']);
  });

  it('a record write the records service refuses rolls the whole step back: no order, the task stays open', async () => {
    const quote = await records().create('otc', 'quote', {
      amount: 700,
      in_stock: true,
      status: 'draft',
      paid: 0,
      lines: [],
    });
    const quoteId = String(quote.id);
    await drain();
    const { instanceId } = await runner.start({
      appKey: 'otc',
      flowKey: 'refused_receivable',
      recordId: quoteId,
      initiatorId: users.sam!,
    });
    await expect(act(instanceId, 'confirm', 'sam')).rejects.toMatchObject({
      code: 'RECORD_WRITE_REFUSED',
      errors: [expect.objectContaining({ path: 'amount' })],
    });
    // The order was written before the refused receivable, in the same transaction: gone with it.
    expect(await linked('sales_order', quoteId)).toEqual([]);
    expect(await linked('receivable', quoteId)).toEqual([]);
    expect(await openNodes(instanceId)).toEqual(['confirm']);
    const events = await sql<{ n: number }>`select count(*)::int as n from graphile_worker._private_jobs j
      join graphile_worker._private_tasks k on k.id = j.task_id where k.identifier = ${RECORD_EVENT_TASK}`.execute(
      db,
    );
    expect(events.rows[0]!.n).toBe(0);
  });

  it('the worker runs flow jobs: a rule’s flow.start starts the flow, a due flows.timer fires', async () => {
    const tasks = jobTasks({ db });
    expect(Object.keys(tasks)).toEqual(
      expect.arrayContaining(['flows.timer', 'flows.webhook', 'flow.start']),
    );
    expect(Object.keys(tasks)).not.toContain('flows.record-write');
    const quote = await records().create('otc', 'quote', {
      amount: 500,
      in_stock: true,
      status: 'draft',
      paid: 0,
      lines: [],
    });
    await tasks['flow.start']!(
      { app: 'otc', flow: 'order_to_cash', recordId: String(quote.id), initiatorId: users.sam },
      { jobId: '1', attempts: 1 },
    );
    const started = await sql<{
      id: string;
    }>`select id from tessera.flow_instances where record_id = ${String(quote.id)}`.execute(db);
    expect(started.rows).toHaveLength(1);
    expect(await openNodes(started.rows[0]!.id)).toEqual(['confirm']);
  });
});
