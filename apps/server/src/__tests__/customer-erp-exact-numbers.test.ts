import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ErpHarness, money, ok, records, startErp } from './customer-erp-kit';

/**
 * Issue 15 item 3 on the shipped quote approval: a line of 2147483647 × 9999999999999999.99 was
 * accepted with a null amount and a total of 0, so the flow took the "under the limit" branch.
 * Amounts are now exact decimals: the line fits numeric(38, 2) and is stored to the cent, the
 * total is over 500,000 and the sales director gets the approval. A total below zero is refused.
 */

const START = '2027-03-01T02:00:00Z';
let erp: ErpHarness;
const ids = {} as Record<'pump' | 'customer', string>;

beforeAll(async () => {
  erp = await startErp({ start: START });
  ids.pump = (
    await ok(
      erp.admin.request('POST', records('product'), { name: 'Pump', list_price: money(6000), active: true }),
      201,
    )
  ).id;
  ids.customer = (
    await ok(
      erp.admin.request('POST', records('customer'), {
        name: 'Delta Works',
        tier: 'key',
        owner: erp.ids.sales1,
      }),
      201,
    )
  ).id;
}, 120_000);

afterAll(async () => {
  await erp?.close();
});

describe('numbers that overflow do not skip the approval (issue 15.3)', () => {
  it('computes a huge quote line exactly and routes it to the sales director', async () => {
    const sales = await erp.as('sales1');
    const quote = await ok(
      sales.request('POST', records('quote'), {
        customer: ids.customer,
        items: [{ product: ids.pump, quantity: 2147483647, unit_price: money('9999999999999999.99') }],
        status: 'draft',
        owner: erp.ids.sales1,
      }),
      201,
    );
    const exact = '21474836469999999978525163.53';
    expect(quote.items[0].amount).toBe(exact);
    expect(quote.total).toBe(exact);
    const stored = await sql<{ amount: string; total: string }>`
      select i.amount::text as amount, q.total::text as total
      from app_customer_erp.quote q join app_customer_erp.quote__items i on i.parent_id = q.id
      where q.id = ${quote.id}`.execute(erp.db);
    expect(stored.rows).toEqual([{ amount: exact, total: exact }]);

    await ok(
      sales.request('PATCH', `${records('quote')}/${quote.id}`, {
        version: quote.version,
        status: 'pending_approval',
      }),
    );
    await erp.drain();
    const tasks = await ok<{ items: any[] }>(
      (await erp.as('director1')).request('GET', '/api/tasks?box=todo'),
    );
    expect(tasks.items.filter((t) => t.recordId === quote.id).map((t) => t.nodeId)).toEqual(['director']);
  });

  it('refuses a total below zero (min: 0 on the formula) with the field named, writing nothing', async () => {
    const sales = await erp.as('sales1');
    const before = await ok<{ total?: number; items: unknown[] }>(
      sales.request('GET', `${records('quote')}?limit=1`),
    );
    const res = await sales.request('POST', records('quote'), {
      customer: ids.customer,
      items: [{ product: ids.pump, quantity: 1, unit_price: money(100) }],
      discount: money(250),
      status: 'draft',
      owner: erp.ids.sales1,
    });
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.code).toBe('RECORD_INVALID');
    expect(problem.errors).toMatchObject([{ path: 'total', message: 'must be at least 0 (is -150)' }]);
    const after = await ok<{ total?: number; items: unknown[] }>(
      sales.request('GET', `${records('quote')}?limit=1`),
    );
    expect(after.total ?? after.items.length).toBe(before.total ?? before.items.length);
  });
});
