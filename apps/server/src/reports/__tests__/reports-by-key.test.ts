import { createFormService } from '@tessera/forms';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRole, memberRole } from '../../__tests__/access-kit';
import { addUser, type Client, createTestApp, login, type TestApp } from '../../__tests__/test-app';

// Issue 14 item 6: people and departments by name, pivot months in date order, saved reports
// listed and run by key with a dashboard's shared filter values, dashboards listed.
const label = (en: string) => ({ en });
const orderForm = {
  key: 'sales_order',
  title: label('Order'),
  fields: [
    { id: 'o1', key: 'owner', type: 'user', label: label('Owner') },
    { id: 'o2', key: 'dept', type: 'department', label: label('Department') },
    { id: 'o3', key: 'order_date', type: 'date', label: label('Date') },
    { id: 'o4', key: 'total', type: 'money', label: label('Total'), currency: 'CNY' },
  ],
};
const byOwner = {
  source: 'sales_order',
  dimensions: [{ key: 'owner', field: 'owner' }],
  measures: [{ key: 'orders', agg: 'count' }],
};
const monthly = {
  source: 'sales_order',
  dimensions: [
    { key: 'dept', field: 'dept' },
    { key: 'month', field: 'order_date', bucket: 'month' },
  ],
  measures: [{ key: 'revenue', agg: 'sum', field: 'total' }],
  pivot: { rows: ['dept'], columns: ['month'] },
};
const reportDoc = (key: string, query: unknown, chart: unknown) => ({ key, title: label(key), query, chart });
const board = {
  key: 'sales',
  title: label('Sales'),
  filters: [{ key: 'period', label: label('Period'), type: 'date_range' }],
  widgets: [
    {
      type: 'report',
      id: 'owners',
      layout: { x: 0, y: 0, w: 6, h: 4 },
      report: 'by_owner',
      filters: { period: 'order_date' },
    },
  ],
};

let t: TestApp;
let admin: Client;
let clerk: Client;
let outsider: Client;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const forms = createFormService({ db, actor: { id: null }, clock: { now: () => new Date() } });
  await forms.ensureApp('erp');
  const draft = await forms.saveDraft('erp', orderForm);
  if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
  if (!(await forms.publish('erp', 'sales_order', draft.version)).ok) throw new Error('publish refused');
  for (const [name, display] of [
    ['wang', '王芳'],
    ['li', 'Li Lei'],
    ['boss', 'Boss'],
    ['clerk', 'Clerk'],
    ['outsider', 'Outsider'],
  ] as const) {
    await addUser(t, name, 'correct horse 42 battery', name === 'boss');
    await sql`update tessera.users set display_name = ${display} where username = ${name}`.execute(db);
  }
  const users = await sql<{ id: string; username: string }>`select id, username from tessera.users`.execute(
    db,
  );
  for (const u of users.rows) ids[u.username] = u.id;
  await sql`insert into tessera.departments (code, name) values ('east', 'East sales'), ('west', 'West sales')`.execute(
    db,
  );
  // April orders of "west" come first in the table and in the result, March ones of "east" later.
  await sql`insert into app_erp.sales_order (owner, dept, order_date, total) values
    (${ids.wang}::uuid, 'west', date '2026-04-10', 100),
    (${ids.wang}::uuid, 'west', date '2026-05-02', 50),
    (${ids.li}::uuid, 'east', date '2026-03-05', 70),
    (${ids.li}::uuid, 'east', date '2026-04-20', 30),
    (${ids.wang}::uuid, 'east', date '2026-02-14', 10)`.execute(db);
  admin = await login(t, 'boss', 'correct horse 42 battery');
  clerk = await login(t, 'clerk', 'correct horse 42 battery');
  outsider = await login(t, 'outsider', 'correct horse 42 battery');
  for (const [key, query, chart] of [
    ['by_owner', byOwner, { type: 'bar', x: 'owner' }],
    ['monthly', monthly, { type: 'pivot' }],
    ['secret', byOwner, { type: 'table' }],
  ] as const) {
    const saved = await admin.request('PUT', `/api/apps/erp/reports/${key}`, {
      definition: reportDoc(key, query, chart),
    });
    if (saved.statusCode !== 200) throw new Error(saved.body);
  }
  const savedBoard = await admin.request('PUT', '/api/apps/erp/dashboards/sales', { definition: board });
  if (savedBoard.statusCode !== 200) throw new Error(savedBoard.body);
  await grantRole(
    db,
    'erp',
    { ...memberRole(['sales_order']), reports: ['by_owner', 'monthly'], dashboards: ['sales'] },
    ['clerk'],
  );
  // reads the orders but no saved report or dashboard
  await grantRole(db, 'erp', memberRole(['sales_order'], 'reader'), ['outsider'], 1);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('user and department dimensions', () => {
  it('shows display names and keeps the ids in the rows', async () => {
    const res = await clerk.request('POST', '/api/apps/erp/reports/query', {
      query: byOwner,
      chart: { type: 'bar', x: 'owner' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.rows).toEqual(
      expect.arrayContaining([
        { owner: ids.wang, orders: 3 },
        { owner: ids.li, orders: 2 },
      ]),
    );
    const owner = body.columns.find((c: { key: string }) => c.key === 'owner');
    expect(owner).toMatchObject({ nameSource: 'user', names: { [ids.wang!]: '王芳', [ids.li!]: 'Li Lei' } });
    expect([...body.chart.option.xAxis.data].sort()).toEqual(['Li Lei', '王芳']);
    // the bar still drills down by id
    const drill = await clerk.request('POST', '/api/apps/erp/reports/drill', {
      query: byOwner,
      point: { owner: ids.li },
    });
    expect(
      drill
        .json()
        .rows.map((r: { total: string }) => r.total)
        .sort(),
    ).toEqual(['30.00', '70.00']);
  });

  it('names departments by their code, in pivots too', async () => {
    const res = await clerk.request('GET', '/api/apps/erp/reports/monthly');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.columns.find((c: { key: string }) => c.key === 'dept').names).toEqual({
      east: 'East sales',
      west: 'West sales',
    });
    expect(body.chart.pivot.rows.map((r: { labels: string[] }) => r.labels)).toEqual([
      ['East sales'],
      ['West sales'],
    ]);
  });

  it('exports names, not ids', async () => {
    const csv = await clerk.request('POST', '/api/apps/erp/reports/export?format=csv', { query: byOwner });
    expect(csv.body).toContain('王芳,3');
    expect(csv.body).not.toContain(ids.wang);
  });
});

describe('pivot columns', () => {
  it('come in date order, not in the order the rows brought them', async () => {
    const res = await clerk.request('GET', '/api/apps/erp/reports/monthly');
    const pivot = res.json().chart.pivot;
    expect(pivot.columns.map((c: { values: string[] }) => c.values[0])).toEqual([
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
      '2026-05-01',
    ]);
    // West sales (row 2): April 100, May 50, nothing before
    expect(pivot.cells[1].map((cell: unknown[]) => cell[0])).toEqual([null, null, '100.00', '50.00']);
  });
});

describe('saved reports by key', () => {
  it('lists the reports and dashboards the caller may read', async () => {
    const mine = await clerk.request('GET', '/api/apps/erp/reports');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((r: { key: string }) => r.key)).toEqual(['by_owner', 'monthly']);
    expect(mine.json().items[0]).toMatchObject({ key: 'by_owner', title: { en: 'by_owner' }, chart: 'bar' });
    const all = await admin.request('GET', '/api/apps/erp/reports');
    expect(all.json().items.map((r: { key: string }) => r.key)).toEqual(['by_owner', 'monthly', 'secret']);
    expect((await outsider.request('GET', '/api/apps/erp/reports')).json().items).toEqual([]);
    const boards = await clerk.request('GET', '/api/apps/erp/dashboards');
    expect(boards.json().items).toEqual([
      expect.objectContaining({ key: 'sales', title: { en: 'Sales' }, version: 1 }),
    ]);
    expect((await outsider.request('GET', '/api/apps/erp/dashboards')).json().items).toEqual([]);
    expect((await clerk.request('GET', '/api/apps/nope/reports')).statusCode).toBe(404);
  });

  it('runs a report with the dashboard shared filter values (GET and POST agree)', async () => {
    const get = await clerk.request(
      'GET',
      '/api/apps/erp/reports/by_owner?dashboard=sales&period=2026-04-01..2026-04-30',
    );
    expect(get.statusCode).toBe(200);
    const body = get.json();
    expect(body.filters).toEqual({ period: { kind: 'dates', from: '2026-04-01', to: '2026-04-30' } });
    expect(body.query.dateRange).toEqual({ field: 'order_date', from: '2026-04-01', to: '2026-04-30' });
    expect(body.rows).toEqual(
      expect.arrayContaining([
        { owner: ids.wang, orders: 1 },
        { owner: ids.li, orders: 1 },
      ]),
    );
    expect(body.chart.kind).toBe('echarts');
    const post = await clerk.request('POST', '/api/apps/erp/reports/by_owner', {
      dashboard: 'sales',
      widget: 'owners',
      values: { period: '2026-04-01..2026-04-30' },
    });
    expect(post.statusCode).toBe(200);
    expect(post.json().rows).toEqual(body.rows);
    // without a dashboard: the whole report
    const whole = await clerk.request('POST', '/api/apps/erp/reports/by_owner', {});
    expect(whole.json().rows.reduce((n: number, r: { orders: number }) => n + r.orders, 0)).toBe(5);
  });

  it('refuses bad filter values, unknown reports and widgets, and reports outside the role', async () => {
    const bad = await clerk.request('GET', '/api/apps/erp/reports/by_owner?dashboard=sales&period=soon');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'INVALID_QUERY', errors: [{ path: '/period' }] });
    const widget = await clerk.request('POST', '/api/apps/erp/reports/monthly', {
      dashboard: 'sales',
      widget: 'owners',
    });
    expect(widget.statusCode).toBe(400);
    expect(widget.json().errors[0].path).toBe('/widget');
    expect((await admin.request('GET', '/api/apps/erp/reports/nope')).statusCode).toBe(404);
    expect((await clerk.request('GET', '/api/apps/erp/reports/secret')).statusCode).toBe(404);
    expect((await outsider.request('GET', '/api/apps/erp/reports/by_owner')).statusCode).toBe(404);
    const extra = await clerk.request('POST', '/api/apps/erp/reports/by_owner', {
      values: { period: 'this_year' },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0].path).toBe('/values');
  });
});
