import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ErpHarness, money, ok, records, startErp, submitQuote } from './customer-erp-kit';

/**
 * Issue 14.1 on the shipped quote approval (R8): the quote's `total` is a formula over its lines,
 * and the flow's gateway sends totals over 500,000 to the sales director. Lines changed while the
 * quote is in the flow — resubmitted by sales after a return (退回发起人) — are stored through the
 * records service (validation, formulas) before the gateway decides: raised past the limit, the
 * quote reaches the director; lowered under it, it does not.
 */

// Monday 2027-03-01, 10:00 in Shanghai.
const START = '2027-03-01T02:00:00Z';
const FLOW = 'quote_to_order';
let erp: ErpHarness;
const ids = {} as Record<'pump' | 'customer', string>;

async function todo(user: string, recordId: string): Promise<{ taskId: string; nodeId: string }[]> {
  const page = await ok<{ items: any[] }>((await erp.as(user)).request('GET', '/api/tasks?box=todo'));
  return page.items.filter((t) => t.flowKey === FLOW && t.recordId === recordId);
}

async function act(user: string, taskId: string, action: string, body: object = {}): Promise<void> {
  await ok((await erp.as(user)).request('POST', `/api/tasks/${taskId}/actions/${action}`, body));
  await erp.drain();
}

/** A submitted quote of `pumps` pumps at 6,000 each. */
function submittedQuote(pumps: number): Promise<any> {
  return submitQuote(erp, { customer: ids.customer, product: ids.pump, quantity: pumps });
}

/** Who holds the quote's open tasks now, as "user:node". */
async function holders(recordId: string): Promise<string[]> {
  const out: string[] = [];
  for (const user of ['sales1', 'director1'])
    for (const task of await todo(user, recordId)) out.push(`${user}:${task.nodeId}`);
  return out.sort();
}

beforeAll(async () => {
  erp = await startErp({ start: START });
  const admin = erp.admin;
  ids.pump = (
    await ok(
      admin.request('POST', records('product'), { name: 'Pump', list_price: money(6000), active: true }),
      201,
    )
  ).id;
  ids.customer = (
    await ok(
      admin.request('POST', records('customer'), { name: 'Gamma Works', tier: 'key', owner: erp.ids.sales1 }),
      201,
    )
  ).id;
}, 60_000);

afterAll(async () => {
  await erp?.close();
});

describe('a quote approval routes on the stored total (issue 14.1)', () => {
  it.each([
    // pumps at submit → who holds it; resubmitted with → who holds it then, and the stored total
    {
      name: 'raised past the limit: the director',
      from: 4,
      first: 'sales1:confirm',
      to: 100,
      next: 'director1:director',
      total: 600_000,
    },
    {
      name: 'lowered under the limit: not the director',
      from: 100,
      first: 'director1:director',
      to: 4,
      next: 'sales1:confirm',
      total: 24_000,
    },
  ])('$name', async ({ from, first, to, next, total }) => {
    const quote = await submittedQuote(from);
    expect(await holders(quote.id)).toEqual([first]);
    // Whoever holds it sends it back to sales (退回发起人).
    const [user, node] = first.split(':') as [string, string];
    const [task] = (await todo(user, quote.id)).filter((t) => t.nodeId === node);
    await act(user, task!.taskId, 'return', { returnTo: 'initiator', comment: 'rework the lines' });
    const [resubmit] = (await todo('sales1', quote.id)).filter((t) => t.nodeId === 'start');
    const stored = await ok((await erp.as('sales1')).request('GET', `${records('quote')}/${quote.id}`));
    // Returned to sales, the quote is a draft again (the flow's onReturn.set), not pending approval.
    expect(stored).toMatchObject({ status: 'draft', submitted_at: null, approved_at: null });
    await act('sales1', resubmit!.taskId, 'resubmit', {
      values: {
        items: stored.items.map((i: any) => ({
          id: i.id,
          product: i.product,
          quantity: to,
          unit_price: i.unit_price,
        })),
      },
    });
    expect(await holders(quote.id)).toEqual([next]);
    const after = await ok((await erp.as('sales1')).request('GET', `${records('quote')}/${quote.id}`));
    expect(Number(after.total)).toBe(total);
    // Resubmitted, it is pending approval again.
    expect(after.status).toBe('pending_approval');
    expect(after.submitted_at).not.toBeNull();
    // The history names who changed the lines.
    const history = await ok<any>(erp.admin.request('GET', `${records('quote')}/${quote.id}/history`));
    const entries: any[] = Array.isArray(history) ? history : history.items;
    expect(
      entries.some((h) => h.actorId === erp.ids.sales1 && JSON.stringify(h.changes ?? {}).includes('total')),
    ).toBe(true);
  });

  it('a refused value fails the action and changes nothing', async () => {
    const quote = await submittedQuote(4);
    const [task] = await todo('sales1', quote.id);
    await act('sales1', task!.taskId, 'return', { returnTo: 'initiator' });
    const [resubmit] = (await todo('sales1', quote.id)).filter((t) => t.nodeId === 'start');
    const res = await (await erp.as('sales1')).request(
      'POST',
      `/api/tasks/${resubmit!.taskId}/actions/resubmit`,
      {
        values: { items: [{ product: ids.pump, quantity: 0, unit_price: money(6000) }] },
      },
    );
    expect(res.statusCode).toBe(400);
    expect(await holders(quote.id)).toEqual(['sales1:start']);
    const after = await ok((await erp.as('sales1')).request('GET', `${records('quote')}/${quote.id}`));
    expect(Number(after.total)).toBe(24_000);
  });
});
