import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ErpHarness, money, ok, records, startErp, submitQuote } from '../../__tests__/customer-erp-kit';

/**
 * Requests that end early or change hands, on the shipped Customer ERP flows over HTTP: a
 * withdrawn (撤回) or rejected quote gets the status its flow defines (through the records
 * service: history, validation); an order withdrawn before shipping is cancelled; a task handed
 * to a user who does not exist or is disabled is refused (400 naming the path) and nothing
 * changes; timelines and refusals name tasks, nodes and people, never the core's `t5` keys.
 */
let erp: ErpHarness;
const ids: Record<string, string> = {};

beforeAll(async () => {
  erp = await startErp({ start: '2027-03-01T02:00:00Z' });
  const purchasing = await erp.as('purchasing1');
  ids.pump = (
    await ok(
      purchasing.request('POST', records('product'), {
        name: 'Industrial pump',
        category: 'equipment',
        unit: 'set',
        list_price: money(6000),
        active: true,
      }),
      201,
    )
  ).id;
  const sales = await erp.as('sales1');
  ids.customer = (
    await ok(
      sales.request('POST', records('customer'), { name: '华东精密', tier: 'key', owner: erp.ids.sales1 }),
      201,
    )
  ).id;
}, 180_000);
afterAll(async () => {
  await erp?.close();
});

const inbox = async (user: string): Promise<any[]> =>
  (await ok<{ items: any[] }>((await erp.as(user)).request('GET', '/api/tasks?box=todo'))).items;

/** A quote over the director's limit, submitted: its approval instance and the director's task. */
async function submittedQuote(): Promise<{ quote: string; instance: string; task: string }> {
  const quote = await submitQuote(erp, { customer: ids.customer!, product: ids.pump!, quantity: 100 });
  const task = (await inbox('director1')).find((t) => t.recordId === quote.id && t.nodeId === 'director');
  if (!task) throw new Error('the quote did not reach the director');
  return { quote: quote.id, instance: task.instanceId, task: task.taskId };
}

const quoteOf = async (id: string) =>
  ok((await erp.as('sales1')).request('GET', `${records('quote')}/${id}`));
const timeline = async (instance: string) => ok(erp.admin.request('GET', `/api/flow-instances/${instance}`));

describe('a request that ends early restores its record as the flow says', () => {
  it('a withdrawn quote goes back to draft (history shows it), and can be submitted again', async () => {
    const { quote, instance } = await submittedQuote();
    expect(await quoteOf(quote)).toMatchObject({ status: 'pending_approval' });
    expect((await quoteOf(quote)).submitted_at).not.toBeNull();
    const sales = await erp.as('sales1');
    expect(
      await ok(
        sales.request('POST', `/api/flow-instances/${instance}/withdraw`, { comment: '客户改主意了' }),
      ),
    ).toMatchObject({ status: 'withdrawn' });
    await erp.drain();
    expect(await quoteOf(quote)).toMatchObject({ status: 'draft', submitted_at: null, approved_at: null });
    const history = await ok<any[]>(sales.request('GET', `${records('quote')}/${quote}/history`));
    expect(history.at(-1)).toMatchObject({
      operation: 'updated',
      changes: { status: { old: 'pending_approval', new: 'draft' } },
    });
    expect((await inbox('director1')).filter((t) => t.recordId === quote)).toEqual([]);

    // submitted again: a new approval starts
    const again = await quoteOf(quote);
    await ok(
      sales.request('PATCH', `${records('quote')}/${quote}`, {
        version: again.version,
        status: 'pending_approval',
      }),
    );
    await erp.drain();
    expect(
      (await inbox('director1')).filter((t) => t.recordId === quote && t.instanceId !== instance),
    ).toHaveLength(1);
  });

  it("the director's rejection sets the quote to rejected", async () => {
    const { quote, task } = await submittedQuote();
    await ok(
      (await erp.as('director1')).request('POST', `/api/tasks/${task}/actions/reject`, {
        comment: '折扣过大',
      }),
    );
    await erp.drain();
    expect(await quoteOf(quote)).toMatchObject({ status: 'rejected' });
  });

  it('an order withdrawn before it ships is cancelled', async () => {
    const sales = await erp.as('sales1');
    const order = await ok(
      sales.request('POST', records('sales_order'), {
        customer: ids.customer,
        items: [{ product: ids.pump, quantity: 5, unit_price: money(6000) }],
        owner: erp.ids.sales1,
      }),
      201,
    );
    await erp.drain();
    const started = (await ok<{ items: any[] }>(sales.request('GET', '/api/tasks?box=started'))).items.find(
      (i) => i.recordId === order.id,
    );
    expect(started).toBeTruthy();
    await ok(sales.request('POST', `/api/flow-instances/${started.instanceId}/withdraw`, {}));
    await erp.drain();
    expect(await ok(sales.request('GET', `${records('sales_order')}/${order.id}`))).toMatchObject({
      status: 'cancelled',
    });
  });
});

describe('a task is only handed to active users', () => {
  const NOBODY = '00000000-0000-4000-8000-000000000000';

  it.each([
    ['transfer', [NOBODY], ['userIds/0']],
    ['add_signer_before', ['manager1', NOBODY], ['userIds/1']],
    ['add_signer_after', [NOBODY, 'manager1'], ['userIds/0']],
    ['cc', [NOBODY, NOBODY], ['userIds/0', 'userIds/1']],
  ])(
    '%s to a user id that does not exist: 400 naming the path, nothing changes',
    async (action, users, paths) => {
      const { instance, task } = await submittedQuote();
      const before = await timeline(instance);
      const userIds = users.map((u) => (u === 'manager1' ? erp.ids.manager1 : u));
      const res = await (await erp.as('director1')).request('POST', `/api/tasks/${task}/actions/${action}`, {
        userIds,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'USER_NOT_ACTIVE' });
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(paths);
      expect(await timeline(instance)).toEqual(before);
      expect((await inbox('director1')).some((t) => t.taskId === task)).toBe(true);
    },
  );

  it('transfer to a disabled user is refused too', async () => {
    const { task } = await submittedQuote();
    await ok(erp.admin.request('PATCH', `/api/org/users/${erp.ids.risk1}`, { status: 'disabled' }));
    try {
      const res = await (await erp.as('director1')).request('POST', `/api/tasks/${task}/actions/transfer`, {
        userIds: [erp.ids.risk1],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ path: 'userIds/0', message: 'is not an active user' }]);
    } finally {
      await ok(erp.admin.request('PATCH', `/api/org/users/${erp.ids.risk1}`, { status: 'active' }));
    }
  });

  it('the timeline and refusals name tasks, nodes and people, never the flow core’s task keys', async () => {
    const { instance, task } = await submittedQuote();
    const director = await erp.as('director1');
    await ok(
      director.request('POST', `/api/tasks/${task}/actions/transfer`, { userIds: [erp.ids.manager1] }),
    );
    const late = await director.request('POST', `/api/tasks/${task}/actions/approve`, {});
    expect(late.json()).toMatchObject({ status: 409, code: 'TASK_NOT_OPEN' });
    expect(late.body).not.toMatch(/\bt\d+\b/);

    const shown = await timeline(instance);
    expect(JSON.stringify(shown)).not.toMatch(/"t\d+"/);
    const transferred = shown.history.find((h: any) => h.kind === 'transferred');
    const newTask = shown.tasks.find((t: any) => t.assigneeId === erp.ids.manager1);
    expect(transferred).toMatchObject({
      taskId: task,
      actorId: erp.ids.director1,
      detail: { to: erp.ids.manager1, newTaskId: newTask.id },
    });
    const names = await sql<{ id: string; display_name: string }>`select id, display_name from tessera.users
      where id = any(${[erp.ids.director1, erp.ids.manager1, erp.ids.sales1]}::uuid[])`.execute(erp.db);
    for (const row of names.rows) expect(shown.users[row.id]).toBe(row.display_name);
    expect(shown.nodes.director).toEqual({ en: 'Sales director approves', 'zh-CN': '销售总监审批' });
    expect(shown.nodes.over_limit).toEqual({ en: 'Over the limit?', 'zh-CN': '是否超限？' });
    const manager = await erp.as('manager1');
    const inboxItem = (await ok<{ items: any[] }>(manager.request('GET', '/api/tasks?box=todo'))).items.find(
      (t) => t.taskId === newTask.id,
    );
    expect(inboxItem?.nodeLabel).toEqual({ en: 'Sales director approves', 'zh-CN': '销售总监审批' });
  });
});

describe('links respect the writer’s row scope', () => {
  it("sales cannot file a follow-up against a colleague's customer (as if it did not exist), but may file a service ticket", async () => {
    const other = await erp.as('sales2');
    const theirs = await ok(
      other.request('POST', records('customer'), { name: '远洋物流', tier: 'normal', owner: erp.ids.sales2 }),
      201,
    );
    const sales = await erp.as('sales1');
    const visit = (customer: string) =>
      sales.request('POST', records('follow_up'), {
        customer,
        visit_date: '2027-03-01',
        method: 'visit',
        summary: 'probe',
        sales: erp.ids.sales1,
      });
    const scoped = await visit(theirs.id);
    const missing = await visit('00000000-0000-4000-8000-000000000000');
    expect(scoped.statusCode).toBe(400);
    expect(scoped.json()).toEqual(missing.json());
    expect(scoped.json().errors).toMatchObject([
      { path: 'customer', message: 'refers to a record that does not exist' },
    ]);
    expect((await visit(ids.customer!)).statusCode).toBe(201);
    // service_ticket.customer has linkScope "any": whoever takes the call files the ticket
    const ticket = await sales.request('POST', records('service_ticket'), {
      customer: theirs.id,
      subject: 'Pump noise',
      category: 'repair',
      priority: 'normal',
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
  });
});
