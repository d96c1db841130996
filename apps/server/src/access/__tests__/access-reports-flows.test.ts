import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createErpWorld, type ErpWorld, keysDeep } from './erp-access.fixture';

let w: ErpWorld;
beforeAll(async () => {
  w = await createErpWorld();
});
afterAll(() => w?.t.close());

const run = (user: keyof ErpWorld['as'], query: object) =>
  w.as[user].request('POST', '/api/apps/erp/reports/query', { query });
const byName = (rows: { name: string | null }[]) =>
  [...rows].sort((a, b) => String(a.name).localeCompare(String(b.name)));

describe('reports under row scopes', () => {
  it('aggregates only the source rows the user could list', async () => {
    const count = { source: 'customer', measures: [{ key: 'n', agg: 'count' }] };
    expect((await run('sales1', count)).json().rows).toEqual([{ n: 2 }]);
    expect((await run('director1', count)).json().rows).toEqual([{ n: 4 }]);
    expect((await run('admin', count)).json().rows).toEqual([{ n: 5 }]);
  });

  it('applies the scope of every joined form too: a linked record outside it reads as none', async () => {
    const query = {
      source: 'follow_up',
      joins: [{ as: 'c', path: 'customer' }],
      dimensions: [{ key: 'name', field: 'c.name' }],
      measures: [{ key: 'n', agg: 'count' }],
    };
    const res = await run('sales1', query);
    expect(res.statusCode, res.body).toBe(200);
    expect(byName(res.json().rows)).toEqual([
      { name: 'Alpha Ltd', n: 1 },
      { name: null, n: 1 },
    ]);
    expect(byName((await run('admin', query)).json().rows)).toEqual([
      { name: 'Alpha Ltd', n: 1 },
      { name: 'Gamma East', n: 1 },
    ]);
  });

  it('a query naming a hidden field is refused with 403 naming it, wherever it names it', async () => {
    const queries = [
      {
        source: 'customer',
        dimensions: [{ key: 'lvl', field: 'credit_level' }],
        measures: [{ key: 'n', agg: 'count' }],
      },
      {
        source: 'customer',
        filter: { '>': [{ var: 'credit_limit' }, 100] },
        measures: [{ key: 'n', agg: 'count' }],
      },
      { source: 'customer', measures: [{ key: 's', agg: 'sum', field: 'payment_terms_days' }] },
      {
        source: 'sales_order',
        dimensions: [{ key: 'lvl', field: 'customer.credit_level' }],
        measures: [{ key: 'n', agg: 'count' }],
      },
      { source: 'sales_order', measures: [{ key: 'd', agg: 'avg', field: 'discount' }] },
    ];
    for (const query of queries) {
      const res = await run('warehouse1', query);
      expect(res.statusCode, JSON.stringify(query)).toBe(403);
      expect(JSON.stringify(res.json().errors)).toMatch(
        /credit_level|credit_limit|payment_terms_days|discount/,
      );
    }
    const allowed = await run('warehouse1', {
      source: 'customer',
      dimensions: [{ key: 'tier', field: 'tier' }],
      measures: [{ key: 'n', agg: 'count' }],
    });
    expect(allowed.statusCode).toBe(200);
    // a form the role does not name cannot be joined
    const followUps = await run('warehouse1', {
      source: 'customer',
      joins: [{ as: 'f', form: 'follow_up', link: 'customer' }],
      measures: [{ key: 'n', agg: 'count' }],
    });
    expect(followUps.statusCode).toBe(403);
  });

  it('drill-down rows leave hidden columns out and stay within the scope', async () => {
    const query = {
      source: 'customer',
      dimensions: [{ key: 'tier', field: 'tier' }],
      measures: [{ key: 'n', agg: 'count' }],
    };
    const res = await w.as.warehouse1.request('POST', '/api/apps/erp/reports/drill', {
      query,
      point: { tier: 'vip' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res
        .json()
        .rows.map((r: { name: string }) => r.name)
        .sort(),
    ).toEqual(['Beta VIP', 'Delta VIP']);
    for (const key of ['credit_level', 'credit_limit', 'credit_limit__currency', 'payment_terms_days']) {
      expect(keysDeep(res.json()).has(key), key).toBe(false);
      expect(res.json().columns.map((c: { key: string }) => c.key)).not.toContain(key);
    }
    const mine = await w.as.sales1.request('POST', '/api/apps/erp/reports/drill', {
      query,
      point: { tier: 'vip' },
    });
    expect(mine.json().rows.map((r: { name: string }) => r.name)).toEqual(['Beta VIP']);
  });

  it('dashboards: only those the role lists; each widget under the same scope and field checks', async () => {
    const dashboard = (key: string) => ({
      key,
      title: { en: key },
      widgets: [
        {
          type: 'query',
          id: 'count',
          layout: { x: 0, y: 0, w: 6, h: 4 },
          query: { source: 'customer', measures: [{ key: 'n', agg: 'count' }] },
          chart: { type: 'table' },
        },
      ],
    });
    for (const key of ['customer_health', 'secret_board']) {
      const saved = await w.as.admin.request('PUT', `/api/apps/erp/dashboards/${key}`, {
        definition: dashboard(key),
      });
      expect(saved.statusCode, saved.body).toBe(200);
    }
    const health = await w.as.sales1.request('GET', '/api/apps/erp/dashboards/customer_health');
    expect(health.statusCode, health.body).toBe(200);
    expect(health.json().widgets[0].result.rows).toEqual([{ n: 2 }]);
    expect((await w.as.sales1.request('GET', '/api/apps/erp/dashboards/secret_board')).statusCode).toBe(404);
    expect(
      (await w.as.warehouse1.request('GET', '/api/apps/erp/dashboards/customer_health')).statusCode,
    ).toBe(404);
    expect(
      (await w.as.sales1.request('PUT', '/api/apps/erp/dashboards/x', { definition: dashboard('x') }))
        .statusCode,
    ).toBe(403);
  });
});

describe('flows', () => {
  it('starting a flow needs the role’s flows.<key>: ["start"]', async () => {
    // sales may start quote_to_order (the pack's roles.json): past the permission, the flow is simply not published here
    const allowed = await w.as.sales1.request('POST', '/api/apps/erp/flows/quote_to_order/instances', {
      recordId: null,
    });
    expect(allowed.json().code).not.toBe('FORBIDDEN');
    expect([404, 409]).toContain(allowed.statusCode);
    const refused = await w.as.warehouse1.request('POST', '/api/apps/erp/flows/quote_to_order/instances', {
      recordId: null,
    });
    expect(refused.statusCode).toBe(403);
  });
});
