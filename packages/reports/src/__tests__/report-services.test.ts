import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishErpForms, seedErpData, TEST_CLOCK } from '../__fixtures__/erp-seed.fixture';
import { canonical, runSql } from '../__fixtures__/report-test-kit';
import { compileReport } from '../compiler/report.compiler';
import { createDashboardService, type DashboardService } from '../dashboard/dashboard.service';
import { ReportError } from '../model/report.error';
import { createReportService, type ReportService } from '../report.service';

let t: TestDatabase;
let reports: ReportService;
let dashboards: DashboardService;
beforeAll(async () => {
  t = await createTestDatabase();
  await publishErpForms(t.db);
  await seedErpData(t.db, 0.5);
  const context = {
    db: t.db,
    actor: { id: null },
    clock: { now: () => TEST_CLOCK.now },
    timeZone: TEST_CLOCK.timeZone,
  };
  reports = createReportService(context);
  dashboards = createDashboardService(context, reports);
});
afterAll(async () => {
  await t?.close();
});

const STATISTICS = 'sales_order__customer_order_date_month__st';

const byTier = {
  source: 'sales_order',
  joins: [{ as: 'customer', path: 'customer' }],
  dimensions: [{ key: 'tier', field: 'customer.tier' }],
  measures: [
    { key: 'orders', agg: 'count' },
    { key: 'cancelled', agg: 'count', where: { '==': [{ var: 'status' }, 'cancelled'] } },
  ],
};

const salesDashboard = {
  key: 'sales',
  title: { en: 'Sales' },
  filters: [
    { key: 'period', label: { en: 'Period' }, type: 'date_range', default: 'this_year' },
    { key: 'tier', label: { en: 'Tier' }, type: 'select' },
  ],
  widgets: [
    {
      type: 'report',
      id: 'by-tier',
      layout: { x: 0, y: 0, w: 6, h: 4 },
      report: 'orders_by_tier',
      filters: { period: 'order_date' },
    },
    {
      type: 'query',
      id: 'revenue',
      layout: { x: 6, y: 0, w: 6, h: 4 },
      query: {
        source: 'sales_order',
        joins: [{ as: 'customer', path: 'customer' }],
        measures: [{ key: 'revenue', agg: 'sum', field: 'total' }],
      },
      chart: { type: 'kpi', compare: 'previous_period' },
      filters: { period: 'order_date', tier: 'customer.tier' },
    },
    {
      type: 'text',
      id: 'note',
      layout: { x: 0, y: 4, w: 12, h: 1 },
      text: { en: 'Figures exclude deleted orders.' },
    },
  ],
};

describe('reports and dashboards', () => {
  it('saves a report (checked against the forms), bumps its version, refuses a stale save', async () => {
    const report = {
      key: 'orders_by_tier',
      title: { en: 'Orders by tier' },
      query: byTier,
      chart: { type: 'bar', x: 'tier' },
    };
    expect(await reports.saveReport('erp', report)).toEqual({ ok: true, version: 1 });
    expect(await reports.saveReport('erp', report, 1)).toEqual({ ok: true, version: 2 });
    const stale = await reports.saveReport('erp', report, 1);
    expect(stale.ok).toBe(false);
    const bad = await reports.saveReport('erp', {
      ...report,
      query: { ...byTier, dimensions: [{ key: 'x', field: 'nope' }] },
    });
    expect(bad).toEqual({
      ok: false,
      errors: [{ path: '/query/dimensions/0/field', message: 'unknown field "nope"' }],
    });
    expect((await reports.getReport('erp', 'orders_by_tier'))?.version).toBe(2);
  });

  it('saving a report bucketed by month with a linked dimension builds its statistics; the run then pre-aggregates with the same rows', async () => {
    const query = {
      source: 'sales_order',
      dimensions: [
        { key: 'month', field: 'order_date', bucket: 'month' },
        { key: 'tier', field: 'customer.tier' },
      ],
      measures: [
        { key: 'orders', agg: 'count' },
        { key: 'avg_total', agg: 'avg', field: 'total' },
      ],
    };
    const plainRows = (await reports.run('erp', query)).rows; // no statistics yet: the plain plan
    expect((await reports.catalog('erp')).statistics?.has(STATISTICS)).toBe(false);
    const report = { key: 'monthly_tier', title: { en: 'Monthly by tier' }, query, chart: { type: 'table' } };
    expect(await reports.saveReport('erp', report)).toEqual({ ok: true, version: 1 });
    const catalog = await reports.catalog('erp');
    expect(catalog.statistics?.has(STATISTICS)).toBe(true);
    expect(
      compileReport(catalog, query, { clock: TEST_CLOCK, preAggregate: 'with_statistics' }),
    ).toMatchObject({
      ok: true,
      preAggregated: true,
    });
    expect(canonical((await reports.run('erp', query)).rows)).toEqual(canonical(plainRows));
  });

  it('runs a dashboard: shared filters merged into each widget, KPI compared with the previous period', async () => {
    expect(await dashboards.saveDashboard('erp', salesDashboard)).toEqual({ ok: true, version: 1 });
    const view = await dashboards.runDashboard('erp', 'sales', {
      period: '2026-01-01..2026-06-30',
      tier: 'key',
    });
    const [tier, revenue, note] = view.widgets;
    expect(tier?.error).toBeUndefined();
    expect(canonical(tier!.result!.rows)).toEqual(
      canonical(
        await runSql(
          t.db,
          `select c.tier, count(*) as orders, count(*) filter (where o.status = 'cancelled') as cancelled
           from app_erp.sales_order o left join app_erp.customer c on c.id = o.customer and c.deleted_at is null
           where o.deleted_at is null and o.order_date between '2026-01-01' and '2026-06-30' group by 1`,
        ),
      ),
    );
    expect(tier?.chart?.kind).toBe('echarts');
    // the browser heads each card and picks a KPI's figures from these
    expect(tier?.title).toEqual({ en: 'Orders by tier' });
    expect(tier?.spec).toEqual({ type: 'bar', x: 'tier' });
    const revenueSql = (from: string, to: string) =>
      `select sum(o.total) as revenue from app_erp.sales_order o left join app_erp.customer c on c.id = o.customer and c.deleted_at is null
       where o.deleted_at is null and c.tier = 'key' and o.order_date between '${from}' and '${to}'`;
    const now = (await runSql(t.db, revenueSql('2026-01-01', '2026-06-30')))[0]?.revenue;
    const before = (await runSql(t.db, revenueSql('2025-07-04', '2025-12-31')))[0]?.revenue;
    expect(revenue?.chart?.kind).toBe('kpi');
    if (revenue?.chart?.kind !== 'kpi') return;
    expect(revenue.chart.card.value).toBeCloseTo(Number(now), 2);
    expect(revenue.chart.card.previous).toBeCloseTo(Number(before), 2);
    expect(note).toEqual({ id: 'note', type: 'text' });
  });

  it('uses the default of a shared filter and reports a failing widget without failing the dashboard', async () => {
    const broken = { ...salesDashboard, key: 'broken', widgets: [salesDashboard.widgets[0]] };
    await dashboards.saveDashboard('erp', broken);
    await sql`update tessera.reports set definition = jsonb_set(definition, '{query,dimensions,0,field}', '"customer.gone"')`.execute(
      t.db,
    );
    const view = await dashboards.runDashboard('erp', 'broken', {});
    expect(view.filters).toEqual({ period: { kind: 'relative', relative: 'this_year' } });
    expect(view.widgets[0]?.error).toMatchObject({
      code: 'INVALID_QUERY',
      errors: [{ message: 'unknown field "customer.gone"' }],
    });
  });

  it('refuses a dashboard whose widgets name unknown fields, reports or filters', async () => {
    const bad = {
      ...salesDashboard,
      key: 'bad',
      widgets: [
        { ...salesDashboard.widgets[0], report: 'nope' },
        { ...salesDashboard.widgets[1], filters: { region: 'customer.region' } },
      ],
    };
    const saved = await dashboards.saveDashboard('erp', bad);
    expect(saved.ok).toBe(false);
    expect(!saved.ok && saved.errors.map((e) => e.path)).toEqual([
      '/widgets/0/report',
      '/widgets/1/filters/region',
    ]);
    await expect(dashboards.runDashboard('erp', 'missing', {})).rejects.toMatchObject({
      code: 'DASHBOARD_NOT_FOUND',
    });
  });
});

describe('drill-down', () => {
  it('lists the records behind a data point (with the conditional measure clicked)', async () => {
    const query = {
      ...byTier,
      dimensions: [...byTier.dimensions, { key: 'month', field: 'order_date', bucket: 'month' }],
    };
    const rows = await reports.drill('erp', query, {
      point: { tier: 'key', month: '2026-03-01' },
      measure: 'cancelled',
      limit: 500,
    });
    const expected = await runSql(
      t.db,
      `select o.id from app_erp.sales_order o left join app_erp.customer c on c.id = o.customer and c.deleted_at is null
       where o.deleted_at is null and c.tier = 'key' and date_trunc('month', o.order_date) = '2026-03-01' and o.status = 'cancelled'`,
    );
    expect(rows.rows.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(rows.columns.map((c) => c.key)).toEqual(
      expect.arrayContaining(['id', 'order_no', 'total', 'total__currency', 'created_at']),
    );
    expect(rows.rows.every((r) => r.status === 'cancelled')).toBe(true);
  });

  it('drills into the empty group and pages', async () => {
    const query = {
      source: 'sales_order',
      dimensions: [{ key: 'total', field: 'total' }],
      measures: [{ key: 'n', agg: 'count' }],
    };
    const empty = await reports.drill('erp', query, { point: { total: null } });
    const nulls = await runSql(
      t.db,
      `select count(*)::int as n from app_erp.sales_order where deleted_at is null and total is null`,
    );
    expect(empty.rows).toHaveLength(nulls[0]?.n as number);
    const page = await reports.drill('erp', { ...query, dimensions: [] }, { point: {}, limit: 5, offset: 5 });
    expect(page.rows).toHaveLength(5);
  });

  it('refuses a point naming something that is not a dimension', async () => {
    const error = await reports.drill('erp', byTier, { point: { 'x; drop': 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).errors[0]?.message).toMatch(/not a dimension/);
  });
});

describe('export', () => {
  it('writes any result as an XLSX workbook with typed cells', async () => {
    const result = await reports.run('erp', byTier);
    const file = await reports.exportResult(result, 'xlsx', { tier: '客户等级' });
    expect(file.extension).toBe('xlsx');
    const zip = unzipSync(new Uint8Array(file.body as Buffer));
    const sheet = strFromU8(zip['xl/worksheets/sheet1.xml']!);
    const strings = strFromU8(zip['xl/sharedStrings.xml'] ?? new Uint8Array());
    expect(`${sheet}${strings}`).toContain('客户等级');
    const first = result.rows.find((r) => r.tier !== null)!;
    expect(`${sheet}${strings}`).toContain(String(first.tier));
    expect(sheet).toContain(`<v>${first.orders}</v>`);
  });

  it('writes CSV with one line per row', async () => {
    const result = await reports.run('erp', byTier);
    const file = await reports.exportResult(result, 'csv');
    expect((file.body as string).trim().split('\r\n')).toHaveLength(result.rows.length + 1);
  });
});
