import { createFormService } from '@tessera/forms';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRole, memberRole } from '../../__tests__/access-kit';
import { addUser, type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';

const label = (en: string) => ({ en });
const customerForm = {
  key: 'customer',
  title: label('Customer'),
  fields: [
    { id: 'c1', key: 'name', type: 'text', label: label('Name'), required: true },
    {
      id: 'c2',
      key: 'tier',
      type: 'single_select',
      label: label('Tier'),
      options: ['key', 'normal'].map((value) => ({ value, label: label(value) })),
    },
  ],
};
const orderForm = {
  key: 'sales_order',
  title: label('Order'),
  fields: [
    { id: 'o1', key: 'customer', type: 'link', label: label('Customer'), form: 'customer' },
    { id: 'o2', key: 'order_date', type: 'date', label: label('Date') },
    { id: 'o3', key: 'total', type: 'money', label: label('Total'), currency: 'CNY' },
  ],
};
const byTier = {
  source: 'sales_order',
  joins: [{ as: 'customer', path: 'customer' }],
  dimensions: [{ key: 'tier', field: 'customer.tier' }],
  measures: [
    { key: 'orders', agg: 'count' },
    { key: 'revenue', agg: 'sum', field: 'total' },
  ],
};

let t: TestApp;
let admin: Client;
let user: Client;
beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const forms = createFormService({ db, actor: { id: null }, clock: { now: () => new Date() } });
  await forms.ensureApp('erp');
  for (const form of [customerForm, orderForm]) {
    const draft = await forms.saveDraft('erp', form);
    if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
    const published = await forms.publish('erp', form.key, draft.version);
    if (!published.ok) throw new Error('publish refused');
  }
  await sql`insert into app_erp.customer (name, tier) values ('A', 'key'), ('B', 'normal'), ('C', 'key')`.execute(
    db,
  );
  await sql`insert into app_erp.sales_order (customer, order_date, total, deleted_at)
    select c.id, date '2026-03-01' + g, 100 * g, case when g = 9 then now() end
    from generate_series(1, 9) g join app_erp.customer c on c.name = (array['A','B','C'])[1 + g % 3]`.execute(
    db,
  );
  await addUser(t, 'boss', 'correct horse 42 battery', true);
  await addUser(t, 'clerk', 'correct horse 42 battery');
  admin = await login(t, 'boss', 'correct horse 42 battery');
  user = await login(t, 'clerk', 'correct horse 42 battery');
  // reads every row of both forms and sees the sales dashboard (access control: access/__tests__)
  await grantRole(
    t.database.db,
    'erp',
    { ...memberRole(['customer', 'sales_order']), dashboards: ['sales'] },
    ['clerk'],
  );
});
afterAll(async () => {
  await t?.close();
});

describe('POST /api/apps/:app/reports/query', () => {
  it('runs a query model and renders its chart', async () => {
    const res = await user.request('POST', '/api/apps/erp/reports/query', {
      query: byTier,
      chart: { type: 'bar', x: 'tier' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // Orders 1..8 live (9 is deleted): g%3 → B (1,4,7), C (2,5,8), A (3,6).
    expect(body.rows).toEqual([
      { tier: 'key', orders: 5, revenue: '2400.00' },
      { tier: 'normal', orders: 3, revenue: '1200.00' },
    ]);
    expect(body.chart.kind).toBe('echarts');
    expect(body.chart.option.xAxis.data).toEqual(['key', 'normal']);
  });

  it.each([
    [
      { ...byTier, dimensions: [{ key: 'x', field: 'customer.tier; drop table app_erp.customer' }] },
      '/dimensions/0/field',
    ],
    [{ ...byTier, filter: { '==': [{ var: 'nope' }, "x' or '1'='1"] } }, '/filter'],
  ])('answers 400 with the error path for an invalid model (%#)', async (query, path) => {
    const res = await user.request('POST', '/api/apps/erp/reports/query', { query });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'INVALID_QUERY',
      errors: [{ path: expect.stringContaining(path) }],
    });
    const still = await sql<{ n: number }>`select count(*)::int as n from app_erp.customer`.execute(
      t.database.db,
    );
    expect(still.rows[0]?.n).toBe(3);
  });

  it('answers 404 for an unknown app and 401 without a session', async () => {
    expect((await user.request('POST', '/api/apps/nope/reports/query', { query: byTier })).statusCode).toBe(
      404,
    );
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/apps/erp/reports/query',
      payload: { query: byTier },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('export and drill', () => {
  it('exports CSV and XLSX as attachments', async () => {
    const csv = await user.request('POST', '/api/apps/erp/reports/export?format=csv', {
      query: byTier,
      titles: { tier: 'Tier' },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="sales_order.csv"');
    expect(csv.body).toBe('\uFEFFTier,orders,revenue\r\nkey,5,2400.00\r\nnormal,3,1200.00\r\n');
    const xlsx = await user.request('POST', '/api/apps/erp/reports/export?format=xlsx', { query: byTier });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('lists the records behind a data point', async () => {
    const res = await user.request('POST', '/api/apps/erp/reports/drill', {
      query: byTier,
      point: { tier: 'normal' },
    });
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .rows.map((r: { total: string }) => r.total)
        .sort(),
    ).toEqual(['100.00', '400.00', '700.00']);
  });
});

describe('dashboards', () => {
  const dashboard = {
    key: 'sales',
    title: label('Sales'),
    filters: [
      { key: 'period', label: label('Period'), type: 'date_range' },
      { key: 'tier', label: label('Tier'), type: 'select' },
    ],
    widgets: [
      {
        type: 'query',
        id: 'by-tier',
        layout: { x: 0, y: 0, w: 12, h: 4 },
        query: byTier,
        chart: { type: 'pie', x: 'tier' },
        filters: { period: 'order_date', tier: 'customer.tier' },
      },
    ],
  };

  it('only designers save a dashboard; anyone reads it with shared filters from the query string', async () => {
    expect(
      (await user.request('PUT', '/api/apps/erp/dashboards/sales', { definition: dashboard })).statusCode,
    ).toBe(403);
    const saved = await admin.request('PUT', '/api/apps/erp/dashboards/sales', { definition: dashboard });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ version: 1 });
    const stale = await admin.request('PUT', '/api/apps/erp/dashboards/sales', {
      definition: dashboard,
      expectedVersion: 7,
    });
    expect(stale.json()).toMatchObject({ status: 409, code: 'STALE_VERSION' });

    const res = await user.request(
      'GET',
      '/api/apps/erp/dashboards/sales?period=2026-03-01..2026-03-05&tier=key',
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.filters).toEqual({
      period: { kind: 'dates', from: '2026-03-01', to: '2026-03-05' },
      tier: { kind: 'one', value: 'key' },
    });
    // Orders on 03-02 … 03-05 are g = 1..4; tier key = A or C → g = 2, 3 → 200 + 300.
    expect(body.widgets[0].result.rows).toEqual([{ tier: 'key', orders: 2, revenue: '500.00' }]);
    expect(body.widgets[0].chart.option.series[0].type).toBe('pie');
  });

  it('answers 400 for an invalid filter value and 404 for an unknown dashboard', async () => {
    expect((await user.request('GET', '/api/apps/erp/dashboards/sales?period=soon')).json()).toMatchObject({
      code: 'INVALID_QUERY',
      errors: [{ path: '/period' }],
    });
    expect((await user.request('GET', '/api/apps/erp/dashboards/nope')).json()).toMatchObject({
      status: 404,
      code: 'DASHBOARD_NOT_FOUND',
    });
  });

  it('refuses a dashboard with an unknown field, naming where', async () => {
    const bad = {
      ...dashboard,
      widgets: [
        {
          ...dashboard.widgets[0],
          query: { ...byTier, measures: [{ key: 's', agg: 'sum', field: 'gone' }] },
        },
      ],
    };
    const res = await admin.request('PUT', '/api/apps/erp/dashboards/sales', { definition: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: '/definition/widgets/0/query/measures/0/field', message: 'unknown field "gone"' },
    ]);
  });
});

describe('report limits', () => {
  const reverseJoins = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ as: `o${i}`, form: 'sales_order', link: 'customer' }));
  it('refuses more joins than TESSERA_REPORT_MAX_JOINS with 400 REPORT_TOO_COMPLEX', async () => {
    const query = { source: 'customer', joins: reverseJoins(9), measures: [{ key: 'n', agg: 'count' }] };
    const res = await user.request('POST', '/api/apps/erp/reports/query', { query });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'REPORT_TOO_COMPLEX',
      detail: expect.stringContaining('at most 8 are allowed (the limit TESSERA_REPORT_MAX_JOINS)'),
      errors: [{ path: '/joins' }],
    });
    const drill = await user.request('POST', '/api/apps/erp/reports/drill', { query, point: {} });
    expect(drill.statusCode).toBe(400);
    expect(drill.json().code).toBe('REPORT_TOO_COMPLEX');
  });

  it('refuses more one-to-many joins than TESSERA_REPORT_MAX_FAN_OUT_JOINS with 400 REPORT_FAN_OUT, unrun', async () => {
    const query = { source: 'customer', joins: reverseJoins(3), measures: [{ key: 'n', agg: 'count' }] };
    const res = await user.request('POST', '/api/apps/erp/reports/query', { query });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'REPORT_FAN_OUT',
      title: 'The report joins too many one-to-many relations: their rows would multiply.',
      detail: expect.stringContaining('at most 2 are allowed'),
      errors: [{ path: '/joins' }],
    });
    const two = { ...query, joins: reverseJoins(2) };
    expect((await user.request('POST', '/api/apps/erp/reports/query', { query: two })).statusCode).toBe(200);
  });

  it.each([
    // past TESSERA_REPORT_MAX_FILTER_DEPTH (32), within the body's TESSERA_MAX_JSON_DEPTH (128)
    { depth: 40, code: 'REPORT_TOO_COMPLEX', path: '/filter' },
    // past the body depth: refused while the body is parsed, before the report engine sees it
    { depth: 20_000, code: 'VALIDATION_FAILED', path: 'body' },
  ])(
    'refuses a filter nested $depth deep with 400 naming the path, not a stack overflow',
    async ({ depth, code, path }) => {
      // written as text: JSON.stringify itself overflows the stack on so deep a value
      const filter = `${'{"!":'.repeat(depth)}{"==":[{"var":"tier"},"key"]}${'}'.repeat(depth)}`;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/apps/erp/reports/query',
        headers: { cookie: user.cookie, 'x-csrf-token': user.csrfToken, 'content-type': 'application/json' },
        payload: `{"query":{"source":"customer","measures":[{"key":"n","agg":"count"}],"filter":${filter}}}`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code, errors: [{ path }] });
    },
  );

  it('refuses a report above TESSERA_REPORT_MAX_COST unrun', async () => {
    const strict = await createTestApp({ TESSERA_REPORT_MAX_COST: '0.001' });
    try {
      await addUser(strict, 'boss', 'correct horse 42 battery', true);
      const boss = await login(strict, 'boss', 'correct horse 42 battery');
      const forms = createFormService({
        db: strict.database.db,
        actor: { id: null },
        clock: { now: () => new Date() },
      });
      await forms.ensureApp('erp');
      const draft = await forms.saveDraft('erp', customerForm);
      if (!draft.ok || !(await forms.publish('erp', 'customer', draft.version)).ok)
        throw new Error('publish');
      const query = { source: 'customer', measures: [{ key: 'n', agg: 'count' }] };
      const res = await boss.request('POST', '/api/apps/erp/reports/query', { query });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'REPORT_TOO_COMPLEX',
        detail: expect.stringContaining('(TESSERA_REPORT_MAX_COST)'),
      });
    } finally {
      await strict.close();
    }
  });
});
