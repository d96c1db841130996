import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCustomer,
  addProduct,
  type ErpHarness,
  money,
  ok,
  records,
  startErp,
  submitQuote,
} from './customer-erp-kit';

/**
 * Fields of the Customer ERP that only its flows set (`readOnly` in the form): an order's stage
 * (status, stock check, shipped at) and a quote's approval times. A person — a sales rep, even an
 * administrator — cannot write them through the API (a field error, nothing saved), while the
 * flows acting as the system still do.
 */

// Monday 2027-03-01, 10:00 in Shanghai.
const START = '2027-03-01T02:00:00Z';
const READ_ONLY = 'is read-only: a flow or rule sets it';
let erp: ErpHarness;
const ids = {} as Record<'pump' | 'customer', string>;

beforeAll(async () => {
  erp = await startErp({ start: START });
  ids.pump = await addProduct(erp, 'Pump', 6000);
  ids.customer = await addCustomer(erp, 'Delta Works');
}, 120_000);

afterAll(async () => {
  await erp?.close();
});

async function read(form: string, id: string): Promise<any> {
  return ok((await erp.as('sales1')).request('GET', `${records(form)}/${id}`));
}

describe('fields a flow owns', () => {
  it("the order's flow sets its stage; sales cannot change it, nor can an admin, and nothing is saved", async () => {
    const sales = await erp.as('sales1');
    const created = await ok(
      sales.request('POST', records('sales_order'), {
        customer: ids.customer,
        items: [{ product: ids.pump, quantity: 2, unit_price: money(6000) }],
        owner: erp.ids.sales1,
      }),
      201,
    );
    await erp.drain();
    const order = await read('sales_order', created.id);
    // no stock: the flow checked it and holds the order (system writes of read-only fields)
    expect(order).toMatchObject({ stock_check: 'insufficient', status: 'awaiting_stock', shipped_at: null });

    for (const who of ['sales1', 'admin'] as const) {
      const client = who === 'admin' ? erp.admin : sales;
      const refused = await client.request('PATCH', `${records('sales_order')}/${order.id}`, {
        version: order.version,
        status: 'shipped',
        stock_check: 'sufficient',
        shipped_at: '2027-03-01T03:00:00Z',
        receiving_contact: '王工',
      });
      expect(refused.statusCode, who).toBe(400);
      expect(
        refused
          .json()
          .errors.map((e: { path: string; message: string }) => [e.path, e.message])
          .sort(),
      ).toEqual([
        ['shipped_at', READ_ONLY],
        ['status', READ_ONLY],
        ['stock_check', READ_ONLY],
      ]);
    }
    const after = await read('sales_order', order.id);
    expect(after).toMatchObject({
      version: order.version,
      status: 'awaiting_stock',
      stock_check: 'insufficient',
      receiving_contact: null,
    });

    // sending the stored stage back (a client PATCHing the record it read) is not a change
    const saved = await ok(
      sales.request('PATCH', `${records('sales_order')}/${order.id}`, {
        version: order.version,
        status: 'awaiting_stock',
        receiving_contact: '王工',
      }),
    );
    expect(saved).toMatchObject({ status: 'awaiting_stock', receiving_contact: '王工' });
  });

  it('an order filed at another stage is refused; at its default stage it is taken', async () => {
    const sales = await erp.as('sales1');
    const body = {
      customer: ids.customer,
      items: [{ product: ids.pump, quantity: 1, unit_price: money(6000) }],
      owner: erp.ids.sales1,
    };
    const refused = await sales.request('POST', records('sales_order'), { ...body, status: 'paid' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      { path: 'status', message: READ_ONLY, code: 'FIELD_READ_ONLY', params: {} },
    ]);
    await ok(sales.request('POST', records('sales_order'), { ...body, status: 'confirmed' }), 201);
  });

  it("sales submits a draft quote but cannot approve it; the director's approval sets it", async () => {
    const sales = await erp.as('sales1');
    const asApproved = await sales.request('POST', records('quote'), {
      customer: ids.customer,
      items: [{ product: ids.pump, quantity: 1, unit_price: money(6000) }],
      status: 'approved',
    });
    expect(asApproved.statusCode).toBe(400);
    expect(asApproved.json().errors).toEqual([
      {
        path: 'status',
        message: 'may only become "pending_approval" here: a flow or rule sets the rest',
        code: 'FIELD_TRANSITION',
        params: { allowed: '"pending_approval"' },
      },
    ]);

    const quote = await submitQuote(erp, { customer: ids.customer, product: ids.pump, quantity: 100 });
    const pending = await read('quote', quote.id);
    expect(pending.status).toBe('pending_approval');
    for (const status of ['approved', 'converted', 'draft']) {
      const refused = await sales.request('PATCH', `${records('quote')}/${quote.id}`, {
        version: pending.version,
        status,
      });
      expect(refused.statusCode, status).toBe(400);
      expect(refused.json().errors, status).toEqual([
        { path: 'status', message: READ_ONLY, code: 'FIELD_READ_ONLY', params: {} },
      ]);
    }
    const director = await erp.as('director1');
    const todo = await ok<{ items: any[] }>(director.request('GET', '/api/tasks?box=todo'));
    const task = todo.items.find((t) => t.recordId === quote.id && t.nodeId === 'director');
    await ok(director.request('POST', `/api/tasks/${task.taskId}/actions/approve`, {}));
    await erp.drain();
    expect(await read('quote', quote.id)).toMatchObject({ status: 'approved' });
  });

  it("the approval flow stamps a quote's submission; sales cannot back-date it or mark it approved", async () => {
    const quote = await submitQuote(erp, { customer: ids.customer, product: ids.pump, quantity: 100 });
    const submitted = await read('quote', quote.id);
    expect(submitted.status).toBe('pending_approval');
    expect(submitted.submitted_at).toBe('2027-03-01T02:00:00.000Z');
    expect(submitted.approved_at).toBeNull();

    const refused = await (await erp.as('sales1')).request('PATCH', `${records('quote')}/${quote.id}`, {
      version: submitted.version,
      submitted_at: '2027-02-01T02:00:00Z',
      approved_at: '2027-03-01T02:00:00Z',
    });
    expect(refused.statusCode).toBe(400);
    expect(
      refused
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['approved_at', 'submitted_at']);
    expect(await read('quote', quote.id)).toMatchObject({
      version: submitted.version,
      submitted_at: '2027-03-01T02:00:00.000Z',
      approved_at: null,
    });
  });
});
