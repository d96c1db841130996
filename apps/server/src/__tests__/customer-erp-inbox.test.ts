import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, type ErpHarness, money, ok, records, startErp } from './customer-erp-kit';

/**
 * The inbox as people read it (R12): a line names its record by its title and who started it;
 * managers who monitor a flow see every instance of it; whoever may read a record may follow the
 * flows on it (its record page), and nobody else.
 */
const START = '2027-03-01T02:00:00Z';
let erp: ErpHarness;
let quote: { id: string; number: string };

const instancesOf = (query: string) => `/api/flow-instances?${query}`;

beforeAll(async () => {
  erp = await startErp({ start: START });
  const admin = erp.admin;
  const pump = await ok(
    admin.request('POST', records('product'), { name: 'Pump', list_price: money(6000), active: true }),
    201,
  );
  const customer = await ok(
    admin.request('POST', records('customer'), { name: 'Delta Works', tier: 'key', owner: erp.ids.sales1 }),
    201,
  );
  const sales = await erp.as('sales1');
  const created = await ok(
    sales.request('POST', records('quote'), {
      customer: customer.id,
      items: [{ product: pump.id, quantity: 100, unit_price: money(6000) }],
      status: 'draft',
      owner: erp.ids.sales1,
    }),
    201,
  );
  await ok(
    sales.request('PATCH', `${records('quote')}/${created.id}`, {
      version: created.version,
      status: 'pending_approval',
    }),
  );
  await erp.drain();
  quote = { id: created.id, number: created.number };
}, 120_000);

afterAll(async () => {
  await erp?.close();
});

describe('the inbox names records and people', () => {
  it("a to-do carries the record's title and who started it, the task too", async () => {
    expect(quote.number).toMatch(/^QT-/);
    const director = await erp.as('director1');
    const page = await ok<{ items: any[] }>(director.request('GET', '/api/tasks?box=todo'));
    const item = page.items.find((i) => i.recordId === quote.id);
    expect(item).toMatchObject({
      recordTitle: quote.number,
      initiatorId: erp.ids.sales1,
      initiatorName: '王小明 (sales)',
      nodeId: 'director',
      flowTitle: { en: 'Quote to order (order-to-cash, part 1)', 'zh-CN': '报价转订单（订单到回款 1）' },
    });
    const task = await ok<any>(director.request('GET', `/api/tasks/${item.taskId}`));
    expect(task.task).toMatchObject({ recordTitle: quote.number, initiatorName: '王小明 (sales)' });
    const started = await ok<{ items: any[] }>(
      (await erp.as('sales1')).request('GET', '/api/tasks?box=started'),
    );
    expect(started.items.find((i) => i.recordId === quote.id)).toMatchObject({
      recordTitle: quote.number,
      // where the request stands now: the director's step
      nodeId: 'director',
      nodeLabel: { en: 'Sales director approves', 'zh-CN': '销售总监审批' },
    });
  });
});

describe('who follows which flows (R12)', () => {
  it('a manager who monitors the flow sees every instance of it and its timeline', async () => {
    const manager = await erp.as('manager1');
    const list = await ok<{ items: any[] }>(manager.request('GET', instancesOf(`app=${APP}&status=running`)));
    const mine = list.items.find((i) => i.recordId === quote.id);
    expect(mine).toMatchObject({ flowKey: 'quote_to_order', recordTitle: quote.number, nodeId: 'director' });
    const timeline = await ok<any>(manager.request('GET', `/api/flow-instances/${mine.instanceId}`));
    expect(timeline.users[erp.ids.sales1]).toBe('王小明 (sales)');
  });

  it('others see only what they are in, unless they may read the record the filter names', async () => {
    const risk = await erp.as('risk1'); // reads every quote, monitors no flow
    const all = await ok<{ items: any[] }>(risk.request('GET', instancesOf(`app=${APP}`)));
    expect(all.items.some((i) => i.recordId === quote.id)).toBe(false);
    const onRecord = await ok<{ items: any[] }>(
      risk.request('GET', instancesOf(`app=${APP}&form=quote&recordId=${quote.id}`)),
    );
    expect(onRecord.items.map((i) => i.recordId)).toEqual([quote.id]);
    await ok(risk.request('GET', `/api/flow-instances/${onRecord.items[0].instanceId}`));

    // sales2 may not read sales1's quote (own rows only); warehouse has no quotes at all
    for (const user of ['sales2', 'warehouse1']) {
      const client = await erp.as(user);
      const seen = await ok<{ items: any[] }>(
        client.request('GET', instancesOf(`app=${APP}&form=quote&recordId=${quote.id}`)),
      );
      expect(seen.items, user).toEqual([]);
      const res = await client.request('GET', `/api/flow-instances/${onRecord.items[0].instanceId}`);
      expect(res.statusCode, user).toBe(404);
    }
  });

  it('tells each user which flows they monitor, with titles (the web app shows the monitor to them)', async () => {
    const manager = await ok<any>((await erp.as('manager1')).request('GET', '/api/flows/monitored'));
    expect(manager.all).toBe(false);
    expect(manager.flows.map((f: any) => f.flow).sort()).toEqual(['order_to_cash', 'quote_to_order']);
    expect(manager.flows.find((f: any) => f.flow === 'quote_to_order').title['zh-CN']).toBe(
      '报价转订单（订单到回款 1）',
    );
    const sales = await ok<any>((await erp.as('sales1')).request('GET', '/api/flows/monitored'));
    expect(sales).toEqual({ all: false, flows: [] });
    const admin = await ok<any>(erp.admin.request('GET', '/api/flows/monitored'));
    expect(admin.all).toBe(true);
    expect(admin.flows.length).toBeGreaterThanOrEqual(2);
  });

  it('a record filter that is not an id is a 400 problem', async () => {
    const res = await (await erp.as('risk1')).request('GET', instancesOf('recordId=nope'));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBeTruthy();
  });
});
