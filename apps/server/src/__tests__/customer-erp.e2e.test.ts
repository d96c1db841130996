import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP,
  DAY,
  type ErpHarness,
  filterQuery,
  money,
  ok,
  records,
  startErp,
  startSmsGateway,
} from './customer-erp-kit';
import type { Client } from './test-app';

/**
 * Issue 8's end-to-end test of the shipped Customer ERP, through the HTTP API only, each step done
 * by the demo user of the role that does it in the pack (R1–R17): sales creates a customer, finance
 * sets its credit, a quote over the limit goes to the sales director (one approved, one rejected),
 * the system checks the order's stock line by line and suggests a purchase for every short line,
 * purchasing buys, the system checks again and sends the warehouse the shipping notice, the
 * warehouse ships, finance invoices, and the payments written off against the receivable compute
 * its received amount and status. Then the clock moves and the four alert rules fire once each;
 * the customer health dashboard shows what hand-written SQL computes from the tables.
 */

// Monday 2027-03-01, 10:00 in Shanghai.
const START = '2027-03-01T02:00:00Z';
let erp: ErpHarness;
let sms: Awaited<ReturnType<typeof startSmsGateway>>;
type Id =
  | 'pump'
  | 'valve'
  | 'gasket'
  | 'pumpStock'
  | 'gasketStock'
  | 'customer'
  | 'quote'
  | 'quoteFlow'
  | 'order'
  | 'order2'
  | 'suggestion'
  | 'shipment'
  | 'receivable';
const ids = {} as Record<Id, string>;

const at = (days: number, hour = 10) =>
  new Date(Date.parse(START) + days * DAY + (hour - 10) * 3_600_000).toISOString();
/** The calendar date (Shanghai) `days` after the start. */
const dateOf = (days: number) => at(days).slice(0, 10);

async function inbox(user: string): Promise<any[]> {
  return (await ok<{ items: any[] }>((await erp.as(user)).request('GET', '/api/tasks?box=todo'))).items;
}

/** The user's open task of the flow at the node (fails when there is none). */
async function taskAt(user: string, flow: string, node: string, recordId: string): Promise<string> {
  const task = (await inbox(user)).find(
    (t) => t.flowKey === flow && t.nodeId === node && t.recordId === recordId,
  );
  if (!task) throw new Error(`${user} has no "${node}" task of ${flow} on ${recordId}`);
  return task.taskId as string;
}

async function act(user: string, taskId: string, action: string, body: object = {}): Promise<any> {
  const result = await ok(
    (await erp.as(user)).request('POST', `/api/tasks/${taskId}/actions/${action}`, body),
  );
  await erp.drain();
  return result;
}

async function list(client: Client, form: string, filter?: unknown): Promise<any[]> {
  const query = filter === undefined ? '' : `?${filterQuery(filter)}`;
  return (await ok<{ items: any[] }>(client.request('GET', `${records(form)}${query}`))).items;
}

async function get(client: Client, form: string, id: string): Promise<any> {
  return ok(client.request('GET', `${records(form)}/${id}`));
}

async function patch(client: Client, form: string, id: string, values: object): Promise<any> {
  const current = await get(client, form, id);
  const updated = await ok(
    client.request('PATCH', `${records(form)}/${id}`, { version: current.version, ...values }),
  );
  await erp.drain();
  return updated;
}

async function create(client: Client, form: string, values: object): Promise<any> {
  const created = await ok(client.request('POST', records(form), values), 201);
  await erp.drain();
  return created;
}

async function ruleRuns(rule: string): Promise<any[]> {
  const runs = await ok<{ items: any[] }>(erp.admin.request('GET', `/api/apps/${APP}/rules/${rule}/runs`));
  return runs.items.filter((r) => r.outcome === 'fired');
}

async function notificationsOf(user: string): Promise<any[]> {
  return (await ok<{ items: any[] }>((await erp.as(user)).request('GET', '/api/notifications'))).items;
}

beforeAll(async () => {
  sms = await startSmsGateway();
  erp = await startErp({ start: START, smsUrl: sms.url });
}, 60_000);

afterAll(async () => {
  await erp?.close();
  await sms?.close();
});

describe('Customer ERP end to end, through the HTTP API, one role per step', () => {
  it('purchasing keeps the products, the warehouse the stock', async () => {
    const purchasing = await erp.as('purchasing1');
    const pump = await create(purchasing, 'product', {
      name: 'Industrial pump 工业泵',
      category: 'equipment',
      unit: 'set',
      list_price: money(6000),
      cost_price: money(4200),
      safety_stock: 10,
      active: true,
    });
    const valve = await create(purchasing, 'product', {
      name: 'Control valve 控制阀',
      category: 'parts',
      unit: 'pcs',
      list_price: money(800),
      active: true,
    });
    const gasket = await create(purchasing, 'product', {
      name: 'Gasket 密封垫',
      category: 'consumables',
      unit: 'pcs',
      list_price: money(20),
      active: true,
    });
    ids.pump = pump.id;
    ids.valve = valve.id;
    ids.gasket = gasket.id;
    expect(pump.code).toMatch(/^PRD-\d{5}$/);
    const warehouse = await erp.as('warehouse1');
    const stock = await create(warehouse, 'stock', {
      product: ids.pump,
      warehouse: 'shanghai',
      on_hand: 20,
      reserved: 0,
    });
    ids.pumpStock = stock.id;
    expect(Number(stock.available)).toBe(20);
    ids.gasketStock = (
      await create(warehouse, 'stock', { product: ids.gasket, warehouse: 'guangzhou', on_hand: 300 })
    ).id;
    await create(warehouse, 'stock', {
      product: ids.gasket,
      warehouse: 'beijing',
      on_hand: 250,
      reserved: 50,
    });
    // The product's available stock sums its warehouses (none yet for the valve).
    const available = async (id: string) => (await get(purchasing, 'product', id)).available;
    expect([await available(ids.pump), await available(ids.gasket), await available(ids.valve)]).toEqual([
      20, 500, 0,
    ]);
  });

  it('sales creates a new customer with its contact matrix; a follow-up visit dates it; finance sets its credit (R1–R6)', async () => {
    erp.clock.set(at(0, 10));
    const sales = await erp.as('sales1');
    const customer = await create(sales, 'customer', {
      name: '华东精密制造有限公司',
      tier: 'key',
      industry: 'manufacturing',
      province: '上海',
      city: '上海',
      address: '浦东新区张江路 100 号',
      contacts: [
        { contact_name: '陈总', contact_role: 'decision_maker', mobile: '13900000001' },
        { contact_name: '王工', contact_role: 'receiving', mobile: '13900000002' },
      ],
      owner: erp.ids.sales1,
    });
    ids.customer = customer.id;
    expect(customer.code).toMatch(/^CUS-2027-\d{5}$/);
    expect(customer.pool).toBe('active');

    await create(sales, 'follow_up', {
      customer: ids.customer,
      visit_date: dateOf(0),
      method: 'visit',
      summary: 'Kick-off visit: annual pump replacement',
      sales: erp.ids.sales1,
    });
    expect((await get(sales, 'customer', ids.customer)).last_follow_up).toBe(dateOf(0));

    const finance = await erp.as('finance1');
    const updated = await patch(finance, 'customer', ids.customer, {
      credit_level: 'general',
      credit_limit: money(1_000_000),
      payment_terms_days: 30,
    });
    expect(updated.credit_level).toBe('general');
  });

  it('a quote over the limit waits for the sales director, who approves it in the inbox; sales confirms; it becomes a sales order (R8, R12)', async () => {
    const sales = await erp.as('sales1');
    const quote = await create(sales, 'quote', {
      customer: ids.customer,
      quote_date: dateOf(0),
      expected_delivery_date: dateOf(10),
      items: [
        { product: ids.pump, quantity: 100, unit_price: money(6000) },
        { product: ids.valve, quantity: 30, unit_price: money(800) },
        { product: ids.gasket, quantity: 50, unit_price: money(20) },
      ],
      status: 'draft',
      owner: erp.ids.sales1,
    });
    ids.quote = quote.id;
    expect(Number(quote.total)).toBe(625_000);
    // Submitting (status → pending approval) starts the approval flow.
    await patch(sales, 'quote', ids.quote, { status: 'pending_approval' });
    const started = (await ok<{ items: any[] }>(sales.request('GET', '/api/tasks?box=started'))).items.filter(
      (i) => i.flowKey === 'quote_to_order' && i.recordId === ids.quote,
    );
    expect(started).toHaveLength(1);
    ids.quoteFlow = started[0].instanceId;
    expect((await get(sales, 'quote', ids.quote)).status).toBe('pending_approval');
    expect(await inbox('sales1')).toEqual([]);

    erp.clock.set(at(0, 14));
    const approval = await taskAt('director1', 'quote_to_order', 'director', ids.quote);
    await act('director1', approval, 'approve', { comment: '同意，注意回款' });
    const approved = await get(sales, 'quote', ids.quote);
    expect(approved.status).toBe('approved');
    expect(Date.parse(approved.approved_at) - Date.parse(approved.submitted_at)).toBe(4 * 3_600_000);

    const confirm = await taskAt('sales1', 'quote_to_order', 'confirm', ids.quote);
    await act('sales1', confirm, 'approve');
    expect((await get(sales, 'quote', ids.quote)).status).toBe('converted');
    const orders = await list(sales, 'sales_order', { '==': [{ var: 'quote' }, ids.quote] });
    expect(orders).toHaveLength(1);
    const order = orders[0];
    ids.order = order.id;
    expect(order).toMatchObject({
      customer: ids.customer,
      order_date: dateOf(0),
      expected_delivery_date: dateOf(10),
    });
    expect(Number(order.total)).toBe(625_000);
    expect((await get(sales, 'sales_order', ids.order)).items).toHaveLength(3);
    const timeline = await ok(sales.request('GET', `/api/flow-instances/${ids.quoteFlow}`));
    expect(timeline).toBeTruthy();
  });

  it('a second quote over the limit is rejected by the director: no order (R8)', async () => {
    const sales = await erp.as('sales1');
    const quote = await create(sales, 'quote', {
      customer: ids.customer,
      quote_date: dateOf(0),
      items: [{ product: ids.valve, quantity: 1000, unit_price: money(800) }],
      status: 'draft',
      owner: erp.ids.sales1,
    });
    const started = await ok(
      sales.request('POST', `/api/apps/${APP}/flows/quote_to_order/instances`, { recordId: quote.id }),
      201,
    );
    await erp.drain();
    const approval = await taskAt('director1', 'quote_to_order', 'director', quote.id);
    const result = await act('director1', approval, 'reject', { comment: '折扣过大' });
    expect(result).toMatchObject({ status: 'completed', outcome: 'rejected' });
    const flow = (await inbox('sales1')).filter((t) => t.instanceId === started.instanceId);
    expect(flow).toEqual([]);
    expect(await list(sales, 'sales_order', { '==': [{ var: 'quote' }, quote.id] })).toEqual([]);
  });

  it('the order: sales adds the delivery details; the large-order rule alerts the director and risk control once (R15)', async () => {
    const sales = await erp.as('sales1');
    await patch(sales, 'sales_order', ids.order, {
      expected_delivery_date: dateOf(10),
      receiving_contact: '王工',
      receiving_phone: '13900000002',
      shipping_address: '浦东新区张江路 100 号 3 号门',
    });
    expect(await ruleRuns('large_order_risk')).toHaveLength(1);
    const order = await get(sales, 'sales_order', ids.order);
    for (const user of ['director1', 'risk1']) {
      const alerts = (await notificationsOf(user)).filter((n) => n.title.includes(order.number));
      expect(alerts, user).toHaveLength(1);
      expect(alerts[0].body).toContain('华东精密制造有限公司');
    }
    expect((await notificationsOf('sales2')).filter((n) => n.title.includes(order.number))).toEqual([]);
  });

  it('the system checks the stock line by line: every short line gets a purchase suggestion for its shortfall, purchasing gets the task (R9, R10)', async () => {
    // No person checks stock: the flow did it when the order was created.
    expect((await inbox('warehouse1')).filter((t) => t.recordId === ids.order)).toEqual([]);
    const warehouse = await erp.as('warehouse1');
    const order = await get(warehouse, 'sales_order', ids.order);
    expect(order).toMatchObject({ stock_check: 'insufficient', status: 'awaiting_stock' });
    // Each line shows its product's available stock over every warehouse.
    expect(order.items.map((i: any) => [i.product, i.quantity, i.available])).toEqual([
      [ids.pump, 100, 20],
      [ids.valve, 30, 0],
      [ids.gasket, 50, 500],
    ]);

    const purchasing = await erp.as('purchasing1');
    const suggestions = await list(purchasing, 'purchase_suggestion', {
      '==': [{ var: 'sales_order' }, ids.order],
    });
    const byProduct = (rows: any[]) =>
      rows
        .map((s) => [s.product, s.shortage, s.suggested_quantity, s.needed_by, s.status])
        .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    // Quantity short = ordered − available; the gasket line is covered and gets none.
    expect(byProduct(suggestions)).toEqual(
      byProduct([
        { product: ids.pump, shortage: 80, suggested_quantity: 80, needed_by: dateOf(10), status: 'open' },
        { product: ids.valve, shortage: 30, suggested_quantity: 30, needed_by: dateOf(10), status: 'open' },
      ]),
    );
    ids.suggestion = suggestions.find((s) => s.product === ids.pump).id;
    expect((await inbox('purchasing1')).map((t) => t.nodeId)).toEqual(['purchase']);
  });

  it('purchasing buys, the goods arrive and pass the incoming check; the system checks again and the warehouse gets the shipping notice, ships with an outbound slip and the customer is told (R9–R12)', async () => {
    const purchasing = await erp.as('purchasing1');
    const po = await create(purchasing, 'purchase_order', {
      supplier: '苏州泵业',
      suggestion: ids.suggestion,
      items: [
        { product: ids.pump, quantity: 100, unit_price: money(4200) },
        { product: ids.valve, quantity: 30, unit_price: money(500) },
      ],
      order_date: dateOf(1),
      expected_arrival: dateOf(5),
      status: 'ordered',
      buyer: erp.ids.purchasing1,
    });
    expect(Number(po.total)).toBe(435_000);

    erp.clock.set(at(5, 9));
    const warehouse = await erp.as('warehouse1');
    await create(warehouse, 'quality_check', {
      check_type: 'incoming',
      product: ids.pump,
      purchase_order: po.id,
      checked_on: dateOf(5),
      sample_size: 10,
      defects: 0,
      result: 'pass',
      inspector: erp.ids.warehouse1,
    });
    await patch(warehouse, 'stock', ids.pumpStock, { on_hand: 120 });
    await patch(purchasing, 'purchase_order', po.id, { status: 'received' });
    // Purchasing says done before the valves are in: the system checks again and it is still short.
    await act('purchasing1', await taskAt('purchasing1', 'order_to_cash', 'purchase', ids.order), 'approve');
    const still = await get(warehouse, 'sales_order', ids.order);
    expect(still).toMatchObject({ stock_check: 'insufficient', status: 'awaiting_stock' });
    const all = await list(purchasing, 'purchase_suggestion', { '==': [{ var: 'sales_order' }, ids.order] });
    // The first suggestions were closed as ordered; only the valve line is suggested again.
    expect(all.map((s) => [s.product, s.shortage, s.status]).sort()).toEqual(
      [
        [ids.pump, 80, 'ordered'],
        [ids.valve, 30, 'ordered'],
        [ids.valve, 30, 'open'],
      ].sort(),
    );
    expect(await inbox('warehouse1')).toEqual([]);

    await create(warehouse, 'stock', { product: ids.valve, warehouse: 'shanghai', on_hand: 30 });
    await act('purchasing1', await taskAt('purchasing1', 'order_to_cash', 'purchase', ids.order), 'approve');
    const ready = await get(warehouse, 'sales_order', ids.order);
    expect(ready).toMatchObject({ stock_check: 'sufficient', status: 'ready_to_ship' });
    expect(
      (await list(purchasing, 'purchase_suggestion', { '==': [{ var: 'sales_order' }, ids.order] })).map(
        (s) => s.status,
      ),
    ).toEqual(['ordered', 'ordered', 'ordered']);
    // The shipping notice: a shipment the system opened for the warehouse, and the ship task.
    const notices = await list(warehouse, 'shipment', { '==': [{ var: 'sales_order' }, ids.order] });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      customer: ids.customer,
      promised_date: dateOf(10),
      status: 'notified',
    });
    ids.shipment = notices[0].id;
    expect((await inbox('warehouse1')).map((t) => [t.nodeId, t.recordId])).toEqual([['ship', ids.order]]);

    erp.clock.set(at(6, 15));
    await patch(warehouse, 'shipment', ids.shipment, {
      warehouse: 'shanghai',
      shipped_date: dateOf(6),
      carrier: '顺丰',
      tracking_no: 'SF1234567890',
      status: 'shipped',
      handled_by: erp.ids.warehouse1,
    });
    const slip = await create(warehouse, 'outbound_slip', {
      shipment: ids.shipment,
      sales_order: ids.order,
      warehouse: 'shanghai',
      items: [
        { product: ids.pump, quantity: 100 },
        { product: ids.valve, quantity: 30 },
        { product: ids.gasket, quantity: 50 },
      ],
      printed_at: at(6, 15),
      handled_by: erp.ids.warehouse1,
    });
    expect(slip.number).toMatch(/^OUT-20270307-\d{3}$/);
    await patch(warehouse, 'stock', ids.pumpStock, { on_hand: 20 });
    await patch(warehouse, 'stock', ids.gasketStock, { on_hand: 250 });
    await act('warehouse1', await taskAt('warehouse1', 'order_to_cash', 'ship', ids.order), 'approve');
    const shipped = await get(warehouse, 'sales_order', ids.order);
    expect(shipped.status).toBe('shipped');
    expect(shipped.shipped_at).toBe(at(6, 15));
    const told = sms.messages.filter((m) => m.to.includes('13900000002'));
    expect(told.map((m) => m.text)).toEqual([`尊敬的客户，您的订单 ${shipped.number} 已发货。`]);
  });

  it("finance invoices; the receivable is recorded with the customer's payment terms; a first payment written off against it makes it partially paid (R11)", async () => {
    const finance = await erp.as('finance1');
    const invoice = await create(finance, 'invoice', {
      sales_order: ids.order,
      customer: ids.customer,
      invoice_type: 'vat_special',
      amount: money(625_000),
      tax_rate: 0.13,
      invoice_date: dateOf(6),
      status: 'issued',
      issued_by: erp.ids.finance1,
    });
    await act('finance1', await taskAt('finance1', 'order_to_cash', 'invoice', ids.order), 'approve');
    const receivables = await list(finance, 'receivable', { '==': [{ var: 'sales_order' }, ids.order] });
    expect(receivables).toHaveLength(1);
    ids.receivable = receivables[0].id;
    expect(receivables[0]).toMatchObject({
      customer: ids.customer,
      invoice_date: dateOf(6),
      due_date: dateOf(36),
      salesperson: erp.ids.sales1,
      status: 'open',
      received_amount: 0,
      outstanding: 625_000,
      paid_date: null,
    });
    expect(Number(receivables[0].amount?.amount ?? receivables[0].amount)).toBe(625_000);
    await patch(finance, 'receivable', ids.receivable, { invoice: invoice.id });
    // The received amount and the status follow from write-offs only: typing them is refused.
    const current = await get(finance, 'receivable', ids.receivable);
    const typed = await finance.request('PATCH', `${records('receivable')}/${ids.receivable}`, {
      version: current.version,
      received_amount: 625_000,
      status: 'paid',
    });
    expect(typed.statusCode).toBe(400);
    expect(
      typed
        .json()
        .errors.map((e: any) => e.path)
        .sort(),
    ).toEqual(['received_amount', 'status']);

    erp.clock.set(at(20));
    const payment = await create(finance, 'payment', {
      customer: ids.customer,
      amount: money(200_000),
      received_date: dateOf(20),
      method: 'bank_transfer',
      status: 'confirmed',
      confirmed_by: erp.ids.finance1,
    });
    await create(finance, 'write_off', {
      payment: payment.id,
      receivable: ids.receivable,
      amount: money(200_000),
      written_off_on: dateOf(20),
      written_off_by: erp.ids.finance1,
    });
    const partial = await get(finance, 'receivable', ids.receivable);
    expect(partial).toMatchObject({
      received_amount: 200_000,
      outstanding: 425_000,
      status: 'partially_paid',
      paid_date: null,
    });
    expect((await get(finance, 'sales_order', ids.order)).status).toBe('invoiced');
  });

  it('a repeat order in stock goes straight to shipping; service handles a ticket and a quality return (R9, R20, R21)', async () => {
    erp.clock.set(at(8, 9));
    const sales = await erp.as('sales1');
    const order = await create(sales, 'sales_order', {
      customer: ids.customer,
      order_date: dateOf(8),
      expected_delivery_date: dateOf(12),
      items: [{ product: ids.pump, quantity: 5, unit_price: money(6200) }],
      status: 'confirmed',
      owner: erp.ids.sales1,
      receiving_contact: '王工',
      receiving_phone: '13900000002',
    });
    ids.order2 = order.id;
    expect(await get(sales, 'sales_order', ids.order2)).toMatchObject({
      stock_check: 'sufficient',
      status: 'ready_to_ship',
    });
    expect((await inbox('warehouse1')).map((t) => [t.nodeId, t.recordId])).toEqual([['ship', ids.order2]]);
    const notice = await list(await erp.as('warehouse1'), 'shipment', {
      '==': [{ var: 'sales_order' }, ids.order2],
    });
    expect(notice.map((n) => [n.status, n.promised_date])).toEqual([['notified', dateOf(12)]]);
    const purchasing = await erp.as('purchasing1');
    expect(
      await list(purchasing, 'purchase_suggestion', { '==': [{ var: 'sales_order' }, ids.order2] }),
    ).toEqual([]);

    erp.clock.set(at(9, 11));
    const warehouse = await erp.as('warehouse1');
    await patch(warehouse, 'shipment', ids.shipment, { delivered_date: dateOf(9), status: 'delivered' });
    const service = await erp.as('service1');
    await create(service, 'service_ticket', {
      customer: ids.customer,
      sales_order: ids.order,
      subject: '泵体异响',
      category: 'repair',
      priority: 'high',
      opened_at: at(9, 11),
      first_response_at: at(9, 13),
      resolved_at: at(10, 17),
      satisfaction: 4,
      nps_score: 8,
      assignee: erp.ids.service1,
      status: 'resolved',
    });
    await create(service, 'sales_return', {
      sales_order: ids.order,
      customer: ids.customer,
      product: ids.pump,
      quantity: 2,
      amount: money(12_000),
      reason: 'quality',
      return_date: dateOf(9),
      status: 'received',
    });
  });

  it('the clock moves: the delivery notice of each order goes out the day before, once (R14, R17)', async () => {
    erp.clock.set(at(8, 12));
    await erp.sweep();
    expect(await ruleRuns('delivery_notice')).toEqual([]);
    erp.clock.set(at(9, 8));
    await erp.sweep();
    await erp.sweep();
    erp.clock.set(at(11, 8));
    await erp.sweep();
    erp.clock.set(at(11, 18));
    await erp.sweep();
    const sales = await erp.as('sales1');
    const numbers = [
      (await get(sales, 'sales_order', ids.order)).number,
      (await get(sales, 'sales_order', ids.order2)).number,
    ];
    expect(sms.messages.filter((m) => m.text.includes('预计明天送达'))).toEqual(
      numbers.map((n) => ({
        channel: 'sms',
        to: ['13900000002'],
        text: `尊敬的客户，您的订单 ${n} 预计明天送达，请做好收货准备。`,
      })),
    );
    expect((await ruleRuns('delivery_notice')).map((r) => r.recordId).sort()).toEqual(
      [ids.order, ids.order2].sort(),
    );
  });

  it('the receivable falls overdue by more than 5 days: a to-do for the salesperson and an e-mail to the finance manager, once (R13, R17)', async () => {
    erp.clock.set(at(41, 9));
    await erp.sweep();
    expect(await ruleRuns('overdue_receivable')).toEqual([]);
    erp.clock.set(at(42, 9));
    await erp.sweep();
    erp.clock.set(at(43, 9));
    await erp.sweep();
    const receivable = await get(await erp.as('finance1'), 'receivable', ids.receivable);
    const todos = (await notificationsOf('sales1')).filter(
      (n) => n.kind === 'todo' && n.title.includes(receivable.number),
    );
    expect(todos.map((n) => n.title)).toEqual([
      `Chase payment ${receivable.number} from 华东精密制造有限公司`,
    ]);
    const mails = await ok<{ items: any[] }>(erp.admin.request('GET', '/api/mail-outbox'));
    const toManager = mails.items.filter((m) => m.to === 'fmanager1@demo.tessera.test');
    expect(toManager).toHaveLength(1);
    expect(toManager[0].subject).toContain(receivable.number);
    expect(await ruleRuns('overdue_receivable')).toHaveLength(1);
  });

  it('the customer health dashboard shows what the tables say (R18–R21, R28–R30)', async () => {
    const view = await ok<any>(
      (await erp.as('manager1')).request('GET', `/api/apps/${APP}/dashboards/customer_health`),
    );
    const widget = (id: string) => {
      const w = view.widgets.find((x: any) => x.id === id);
      if (!w?.result) throw new Error(`widget ${id}: ${JSON.stringify(w?.error ?? w)}`);
      return w.result.rows as Record<string, unknown>[];
    };
    const one = async (query: ReturnType<typeof sql>) =>
      (await query.execute(erp.db)).rows[0] as Record<string, unknown>;
    const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 1e6) / 1e6);
    const same = (actual: Record<string, unknown>, expected: Record<string, unknown>) =>
      expect(Object.fromEntries(Object.keys(expected).map((k) => [k, num(actual[k])]))).toEqual(
        Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, num(v)])),
      );

    same(
      widget('sales')[0]!,
      await one(sql`select sum(total) as order_total, count(*) as orders, avg(total) as average_order
        from app_customer_erp.sales_order where deleted_at is null and status <> 'cancelled'
        and order_date >= '2027-01-01' and order_date < '2028-01-01'`),
    );
    same(
      widget('repurchase')[0]!,
      await one(sql`select count(*) as customers, count(*) filter (where n >= 2) as repeat_customers,
        (count(*) filter (where n >= 2))::float8 / count(*) as repurchase_rate
        from (select customer, count(*) as n from app_customer_erp.sales_order
              where deleted_at is null and status <> 'cancelled' group by customer) c`),
    );
    same(
      widget('cycle')[0]!,
      await one(sql`select avg(extract(epoch from shipped_at - (order_date::timestamp at time zone 'Asia/Shanghai')) / 86400) as order_to_ship
        from app_customer_erp.sales_order where deleted_at is null and shipped_at is not null`),
    );
    same(
      widget('receivables')[0]!,
      await one(sql`select sum(outstanding) as outstanding,
        sum(outstanding) filter (where due_date < '2027-04-13') as overdue,
        sum(outstanding) filter (where due_date < '2027-04-13') / sum(outstanding) as overdue_rate
        from app_customer_erp.receivable where deleted_at is null and status in ('open', 'partially_paid')`),
    );
    expect(widget('aging').map((r) => [r.aging, num(r.outstanding), num(r.count)])).toEqual(
      (
        await sql<{ aging: string; outstanding: string; count: number }>`select
          case when due_date >= '2027-04-13' then 'not due'
               when '2027-04-13'::date - due_date <= 30 then '1-30'
               when '2027-04-13'::date - due_date <= 60 then '31-60'
               when '2027-04-13'::date - due_date <= 90 then '61-90' else '90+' end as aging,
          sum(outstanding) as outstanding, count(*) as count
          from app_customer_erp.receivable where deleted_at is null and status in ('open', 'partially_paid')
          group by 1 order by 1`.execute(erp.db)
      ).rows.map((r) => [r.aging, num(r.outstanding), num(r.count)]),
    );
    same(
      widget('quote_time')[0]!,
      await one(sql`select avg(extract(epoch from approved_at - submitted_at) / 3600) as approval_hours
        from app_customer_erp.quote where deleted_at is null and approved_at is not null`),
    );
    same(
      widget('service')[0]!,
      await one(sql`select count(*) as tickets,
        avg(extract(epoch from first_response_at - opened_at) / 3600) as first_response,
        avg(extract(epoch from resolved_at - opened_at) / 3600) as resolution,
        avg(satisfaction) as satisfaction,
        (count(*) filter (where nps_score >= 9))::float8 / nullif(count(nps_score), 0)
          - (count(*) filter (where nps_score <= 6))::float8 / nullif(count(nps_score), 0) as nps
        from app_customer_erp.service_ticket where deleted_at is null`),
    );
    same(
      widget('delivery')[0]!,
      await one(sql`select count(*) as delivered, count(*) filter (where s.delivered_date <= s.promised_date) as on_time,
        (count(*) filter (where s.delivered_date <= s.promised_date))::float8 / nullif(count(*), 0) as otd,
        avg(s.delivered_date - o.order_date) as cycle_days
        from app_customer_erp.shipment s join app_customer_erp.sales_order o on o.id = s.sales_order
        where s.deleted_at is null and s.delivered_date is not null`),
    );
    same(
      widget('return_rate')[0]!,
      await one(sql`select count(distinct o.id) as orders, count(distinct r.sales_order) as returned_orders,
        count(distinct r.sales_order)::float8 / count(distinct o.id) as return_rate,
        count(distinct r.id) filter (where r.reason = 'quality')::float8 / nullif(count(distinct r.id), 0) as quality_share
        from app_customer_erp.sales_order o
        left join app_customer_erp.sales_return r on r.sales_order = o.id and r.deleted_at is null
        where o.deleted_at is null and o.status <> 'cancelled'`),
    );
    expect(widget('products').map((r) => [r.product, num(r.amount), num(r.quantity)])).toEqual(
      (
        await sql<{ product: string; amount: string; quantity: number }>`select p.name as product,
          sum(l.amount) as amount, sum(l.quantity) as quantity
          from app_customer_erp.sales_order o join app_customer_erp.sales_order__items l on l.parent_id = o.id
          join app_customer_erp.product p on p.id = l.product
          where o.deleted_at is null and o.status <> 'cancelled' and o.order_date >= '2027-01-01'
          group by p.name order by 2 desc`.execute(erp.db)
      ).rows.map((r) => [r.product, num(r.amount), num(r.quantity)]),
    );
    same(
      widget('cross_sell')[0]!,
      await one(sql`select count(*) as customers, count(*) filter (where n >= 2) as cross_sold,
        (count(*) filter (where n >= 2))::float8 / nullif(count(*), 0) as cross_sell_rate
        from (select o.customer, count(distinct p.category) as n from app_customer_erp.sales_order o
              join app_customer_erp.sales_order__items l on l.parent_id = o.id
              join app_customer_erp.product p on p.id = l.product and p.deleted_at is null
              where o.deleted_at is null and o.status <> 'cancelled' group by o.customer) c`),
    );
    // The figures are not vacuous: this is the story above.
    expect(num(widget('sales')[0]!.order_total)).toBe(656_000);
    expect(num(widget('receivables')[0]!.overdue)).toBe(425_000);
    expect(num(widget('quote_time')[0]!.approval_hours)).toBe(4);
  });

  it('finance receives the rest and writes it off: the receivable is paid, with its received amount, status and paid date computed; the order is paid and its flow ends (R11)', async () => {
    erp.clock.set(at(45, 10));
    const finance = await erp.as('finance1');
    const payment = await create(finance, 'payment', {
      customer: ids.customer,
      amount: money(425_000),
      received_date: dateOf(45),
      method: 'acceptance_bill',
      status: 'confirmed',
      confirmed_by: erp.ids.finance1,
    });
    await create(finance, 'write_off', {
      payment: payment.id,
      receivable: ids.receivable,
      amount: money(425_000),
      written_off_on: dateOf(45),
      written_off_by: erp.ids.finance1,
    });
    const paid = await get(finance, 'receivable', ids.receivable);
    expect(paid).toMatchObject({
      received_amount: 625_000,
      outstanding: 0,
      status: 'paid',
      last_written_off_on: dateOf(45),
      paid_date: dateOf(45),
    });
    // The same figures in the table the reports read.
    const stored = await sql<{ received_amount: string; status: string; paid_date: string }>`
      select received_amount, status, paid_date from app_customer_erp.receivable where id = ${ids.receivable}`.execute(
      erp.db,
    );
    expect(stored.rows.map((r) => [Number(r.received_amount), r.status, r.paid_date])).toEqual([
      [625_000, 'paid', dateOf(45)],
    ]);
    await act('finance1', await taskAt('finance1', 'order_to_cash', 'confirm_payment', ids.order), 'approve');
    expect((await get(finance, 'sales_order', ids.order)).status).toBe('paid');
    const flows = await ok<{ items: any[] }>(
      erp.admin.request('GET', `/api/flow-instances?app=${APP}&flow=order_to_cash`),
    );
    expect(flows.items.find((i) => i.recordId === ids.order)).toMatchObject({ instanceStatus: 'completed' });
  });

  it('90 days without a follow-up: the customer goes to the reactivation pool and sales gets a call-back to-do, once (R16, R17)', async () => {
    erp.clock.set(at(90, 9));
    await erp.sweep();
    expect(await ruleRuns('dormant_customer')).toEqual([]);
    erp.clock.set(at(91, 9));
    await erp.sweep();
    erp.clock.set(at(120, 9));
    await erp.sweep();
    const customer = await get(await erp.as('sales1'), 'customer', ids.customer);
    expect(customer.pool).toBe('to_reactivate');
    const todos = (await notificationsOf('sales1')).filter(
      (n) => n.kind === 'todo' && n.title.startsWith('Call '),
    );
    expect(todos.map((n) => n.title)).toEqual(['Call 华东精密制造有限公司 back: no follow-up for 90 days']);
  });

  it('each alert rule fired exactly once over the whole story, however often the sweep ran (R17)', async () => {
    erp.clock.set(at(200, 9));
    await erp.sweep();
    await erp.sweep();
    const fired = async (rule: string) => (await ruleRuns(rule)).map((r) => r.recordId).sort();
    expect(await fired('large_order_risk')).toEqual([ids.order]);
    expect(await fired('delivery_notice')).toEqual([ids.order, ids.order2].sort());
    expect(await fired('overdue_receivable')).toEqual([ids.receivable]);
    expect(await fired('dormant_customer')).toEqual([ids.customer]);
    expect(sms.messages.filter((m) => m.text.includes('预计明天送达'))).toHaveLength(2);
    expect(sms.messages.filter((m) => m.text.includes('已发货'))).toHaveLength(1);
  });
});
