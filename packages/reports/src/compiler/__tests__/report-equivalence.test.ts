import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { type Expression, type SqlBool, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishErpForms, seedErpData } from '../../__fixtures__/erp-seed.fixture';
import { canonical, runModel, runSql } from '../../__fixtures__/report-test-kit';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await publishErpForms(t.db);
  await seedErpData(t.db);
});
afterAll(async () => {
  await t?.close();
});

const ORDERS = `app_erp.sales_order o`;
const LIVE = `o.deleted_at is null`;
const TZ = `'Asia/Shanghai'`;
const order = (dims: object[], measures: object[], extra: object = {}) => ({
  source: 'sales_order',
  dimensions: dims,
  measures,
  ...extra,
});
const count = { key: 'n', agg: 'count' };

/** [what, query model, the hand-written SQL that must return the same rows] */
const cases: [string, object, string][] = [
  // ── dimensions ──────────────────────────────────────────────────────────────────────────
  [
    'a joined field (customer.tier)',
    order([{ key: 'tier', field: 'customer.tier' }], [count], {
      joins: [{ as: 'customer', path: 'customer' }],
    }),
    `select c.tier, count(*) as n from ${ORDERS} left join app_erp.customer c on c.id = o.customer and c.deleted_at is null
     where ${LIVE} group by 1`,
  ],
  [
    'a link followed directly (implicit join), also in a filter',
    order([{ key: 'tier', field: 'customer.tier' }], [count], {
      filter: { '!=': [{ var: 'customer.region' }, 'east'] },
    }),
    `select c.tier, count(*) as n from ${ORDERS} left join app_erp.customer c on c.id = o.customer and c.deleted_at is null
     where ${LIVE} and c.region is distinct from 'east' group by 1`,
  ],
  ...(['day', 'week', 'month', 'quarter', 'year'] as const).map((bucket): [string, object, string] => [
    `date bucket ${bucket} of a date`,
    order([{ key: 'period', field: 'order_date', bucket }], [{ key: 'total', agg: 'sum', field: 'total' }]),
    `select date_trunc('${bucket}', order_date)::date as period, sum(total) as total from ${ORDERS} where ${LIVE} group by 1`,
  ]),
  [
    'date bucket month of a datetime, in the clock time zone',
    order([{ key: 'm', field: 'shipped_at', bucket: 'month' }], [count]),
    `select date_trunc('month', shipped_at at time zone ${TZ})::date as m, count(*) as n from ${ORDERS} where ${LIVE} group by 1`,
  ],
  [
    'day of week and month of year',
    order(
      [
        { key: 'dow', field: 'shipped_at', bucket: 'day_of_week' },
        { key: 'moy', field: 'order_date', bucket: 'month_of_year' },
      ],
      [count],
    ),
    `select extract(isodow from shipped_at at time zone ${TZ})::int as dow, extract(month from order_date)::int as moy,
            count(*) as n from ${ORDERS} where ${LIVE} group by 1, 2`,
  ],
  [
    'numeric bins',
    order([{ key: 'band', field: 'total', bins: { edges: [1000, 5000] } }], [count]),
    `select case when total is null then null when total < 1000 then '<1000' when total < 5000 then '1000-5000'
            else '>=5000' end as band, count(*) as n from ${ORDERS} where ${LIVE} group by 1`,
  ],
  [
    'an expression (a condition)',
    order([{ key: 'big', expr: { '>': [{ var: 'total' }, 5000] } }], [count]),
    `select total > 5000 as big, count(*) as n from ${ORDERS} where ${LIVE} group by 1`,
  ],
  [
    'cases: receivable aging buckets by days overdue',
    {
      source: 'receivable',
      filter: { '==': [{ var: 'status' }, 'open'] },
      dimensions: [
        {
          key: 'aging',
          cases: [
            { when: { '<=': [{ days_since: [{ var: 'due_date' }] }, 0] }, value: 'current' },
            { when: { '<=': [{ days_since: [{ var: 'due_date' }] }, 30] }, value: '1-30' },
            { when: { '<=': [{ days_since: [{ var: 'due_date' }] }, 60] }, value: '31-60' },
            { when: { '<=': [{ days_since: [{ var: 'due_date' }] }, 90] }, value: '61-90' },
          ],
          else: '90+',
        },
      ],
      measures: [{ key: 'outstanding', agg: 'sum', field: 'amount' }],
    },
    `select case when date '2026-11-27' - due_date <= 0 then 'current' when date '2026-11-27' - due_date <= 30 then '1-30'
            when date '2026-11-27' - due_date <= 60 then '31-60' when date '2026-11-27' - due_date <= 90 then '61-90'
            else '90+' end as aging, sum(amount) as outstanding
     from app_erp.receivable where deleted_at is null and status = 'open' group by 1`,
  ],
  // ── measures ────────────────────────────────────────────────────────────────────────────
  [
    'count distinct, sum, avg, min, max',
    order(
      [{ key: 'status', field: 'status' }],
      [
        { key: 'customers', agg: 'count_distinct', field: 'customer' },
        { key: 'total', agg: 'sum', field: 'total' },
        { key: 'avg_total', agg: 'avg', field: 'total' },
        { key: 'first', agg: 'min', field: 'order_date' },
        { key: 'last', agg: 'max', field: 'total' },
        { key: 'items', agg: 'sum', field: 'item_count' },
      ],
    ),
    `select status, count(distinct customer) as customers, sum(total) as total, avg(total) as avg_total,
            min(order_date) as first, max(total) as last, sum(item_count) as items
     from ${ORDERS} where ${LIVE} group by 1`,
  ],
  [
    'median and percentile',
    order(
      [{ key: 'status', field: 'status' }],
      [
        { key: 'median', agg: 'median', field: 'total' },
        { key: 'p90', agg: 'percentile', field: 'total', p: 0.9 },
      ],
    ),
    `select status, percentile_cont(0.5) within group (order by total) as median,
            percentile_cont(0.9) within group (order by total) as p90 from ${ORDERS} where ${LIVE} group by 1`,
  ],
  [
    'conditional measures, ratio and arithmetic',
    order(
      [{ key: 'y', field: 'order_date', bucket: 'year' }],
      [
        count,
        { key: 'cancelled', agg: 'count', where: { '==': [{ var: 'status' }, 'cancelled'] } },
        { key: 'big_sum', agg: 'sum', field: 'total', where: { '>=': [{ var: 'total' }, 5000] } },
        { key: 'cancel_rate', agg: 'ratio', numerator: 'cancelled', denominator: 'n' },
        { key: 'kept', agg: 'arithmetic', op: 'subtract', left: 'n', right: 'cancelled' },
      ],
    ),
    `select date_trunc('year', order_date)::date as y, count(*) as n,
            count(*) filter (where status = 'cancelled') as cancelled,
            sum(total) filter (where total >= 5000) as big_sum,
            (count(*) filter (where status = 'cancelled'))::float8 / nullif(count(*), 0) as cancel_rate,
            count(*) - count(*) filter (where status = 'cancelled') as kept
     from ${ORDERS} where ${LIVE} group by 1`,
  ],
  [
    'duration: date → datetime in days, datetime → datetime in hours',
    {
      source: 'service_ticket',
      dimensions: [{ key: 'channel', field: 'channel' }],
      measures: [
        {
          key: 'first_response_h',
          agg: 'duration',
          from: 'opened_at',
          to: 'first_response_at',
          unit: 'hours',
        },
        {
          key: 'resolution_h',
          agg: 'duration',
          from: 'opened_at',
          to: 'resolved_at',
          unit: 'hours',
          stat: 'median',
        },
      ],
    },
    `select channel, avg(extract(epoch from first_response_at - opened_at) / 3600) as first_response_h,
            percentile_cont(0.5) within group (order by extract(epoch from resolved_at - opened_at) / 3600) as resolution_h
     from app_erp.service_ticket where deleted_at is null group by 1`,
  ],
  [
    'duration from a date to a datetime (order cycle time)',
    order([], [{ key: 'cycle', agg: 'duration', from: 'order_date', to: 'shipped_at', unit: 'days' }]),
    `select avg(extract(epoch from shipped_at - (order_date::timestamp at time zone ${TZ})) / 86400) as cycle
     from ${ORDERS} where ${LIVE}`,
  ],
  // ── filters, ranges, sort, top N ────────────────────────────────────────────────────────
  [
    'a JSON-Logic filter',
    order([{ key: 'status', field: 'status' }], [count], {
      filter: {
        and: [{ in: [{ var: 'status' }, ['shipped', 'cancelled']] }, { '>=': [{ var: 'total' }, 1000] }],
      },
    }),
    `select status, count(*) as n from ${ORDERS} where ${LIVE} and status in ('shipped', 'cancelled') and total >= 1000 group by 1`,
  ],
  [
    'relative date range: this quarter (date field)',
    order([{ key: 'status', field: 'status' }], [count], {
      dateRange: { field: 'order_date', relative: 'this_quarter' },
    }),
    `select status, count(*) as n from ${ORDERS} where ${LIVE} and order_date >= date '2026-10-01' and order_date < date '2027-01-01' group by 1`,
  ],
  [
    'relative date range: last 90 days (datetime field, local days)',
    order([{ key: 'status', field: 'status' }], [count], {
      dateRange: { field: 'shipped_at', relative: 'last_90_days' },
    }),
    `select status, count(*) as n from ${ORDERS} where ${LIVE}
       and shipped_at >= timestamp '2026-08-30' at time zone ${TZ} and shipped_at < timestamp '2026-11-28' at time zone ${TZ} group by 1`,
  ],
  [
    'inclusive from/to range and last N months',
    order([{ key: 'status', field: 'status' }], [count], {
      dateRange: { field: 'order_date', from: '2025-03-01', to: '2025-05-31' },
    }),
    `select status, count(*) as n from ${ORDERS} where ${LIVE} and order_date between date '2025-03-01' and date '2025-05-31' group by 1`,
  ],
  [
    'top N products by revenue through line items and a chained link',
    {
      source: 'sales_order',
      joins: [
        { as: 'items', path: 'items', required: true },
        { as: 'product', path: 'items.product' },
      ],
      dimensions: [{ key: 'product', field: 'product.name' }],
      measures: [
        { key: 'revenue', agg: 'sum', field: 'items.amount' },
        { key: 'orders', agg: 'count_distinct', field: 'id' },
      ],
      sort: [
        { by: 'revenue', direction: 'desc' },
        { by: 'product', direction: 'asc' },
      ],
      limit: 5,
    },
    `select p.name as product, sum(i.amount) as revenue, count(distinct o.id) as orders
     from ${ORDERS} join app_erp.sales_order__items i on i.parent_id = o.id
     left join app_erp.product p on p.id = i.product and p.deleted_at is null
     where ${LIVE} group by 1 order by 2 desc, 1 limit 5`,
  ],
  [
    'having on a measure',
    order([{ key: 'customer', field: 'customer' }], [count], { having: { '>': [{ var: 'n' }, 12] } }),
    `select customer::text, count(*) as n from ${ORDERS} where ${LIVE} group by 1 having count(*) > 12`,
  ],
  [
    'pivot rows × columns with subtotals (ROLLUP)',
    order(
      [
        { key: 'region', field: 'customer.region' },
        { key: 'status', field: 'status' },
      ],
      [{ key: 'total', agg: 'sum', field: 'total' }],
      {
        joins: [{ as: 'customer', path: 'customer' }],
        pivot: { rows: ['region'], columns: ['status'], subtotals: true },
      },
    ),
    `select c.region, o.status, sum(o.total) as total, grouping(c.region, o.status) as __grouping
     from ${ORDERS} left join app_erp.customer c on c.id = o.customer and c.deleted_at is null
     where ${LIVE} group by rollup(c.region), rollup(o.status)`,
  ],
  [
    'reverse join: customers and their orders',
    {
      source: 'customer',
      joins: [{ as: 'orders', form: 'sales_order', link: 'customer' }],
      dimensions: [{ key: 'tier', field: 'tier' }],
      measures: [
        { key: 'customers', agg: 'count_distinct', field: 'id' },
        { key: 'orders', agg: 'count_distinct', field: 'orders.id' },
      ],
    },
    `select c.tier, count(distinct c.id) as customers, count(distinct o.id) as orders
     from app_erp.customer c left join app_erp.sales_order o on o.customer = c.id and o.deleted_at is null
     where c.deleted_at is null group by 1`,
  ],
  [
    'a stage: repurchase rate (customers with ≥ 2 orders among customers with orders)',
    {
      source: 'sales_order',
      stage: {
        dimensions: [{ key: 'customer', field: 'customer' }],
        measures: [{ key: 'orders', agg: 'count' }],
      },
      measures: [
        { key: 'buyers', agg: 'count' },
        { key: 'repeat_buyers', agg: 'count', where: { '>=': [{ var: 'orders' }, 2] } },
        { key: 'repurchase_rate', agg: 'ratio', numerator: 'repeat_buyers', denominator: 'buyers' },
      ],
      filter: { '!=': [{ var: 'status' }, 'cancelled'] },
    },
    `select count(*) as buyers, count(*) filter (where orders >= 2) as repeat_buyers,
            (count(*) filter (where orders >= 2))::float8 / count(*) as repurchase_rate
     from (select customer, count(*) as orders from ${ORDERS} where ${LIVE} and status <> 'cancelled' group by 1) s`,
  ],
];

describe('each dimension, measure and filter returns the rows of hand-written SQL', () => {
  it.each(cases)('%s', async (_name, model, handWritten) => {
    const result = await runModel(t.db, model);
    const expected = await runSql(t.db, handWritten);
    expect(result.rows.length).toBeGreaterThan(0);
    expect(canonical(result.rows)).toEqual(canonical(expected));
  });

  it('applies the caller row filter to the source rows', async () => {
    const rowFilter = (alias: string): Expression<SqlBool> =>
      sql<SqlBool>`${sql.ref(`${alias}.status`)} = ${'shipped'}`;
    const result = await runModel(t.db, order([{ key: 'status', field: 'status' }], [count]), { rowFilter });
    const expected = await runSql(
      t.db,
      `select status, count(*) as n from ${ORDERS} where ${LIVE} and status = 'shipped' group by 1`,
    );
    expect(canonical(result.rows)).toEqual(canonical(expected));
    expect(result.rows).toHaveLength(1);
  });

  it('excludes soft-deleted rows of the source and of joined forms', async () => {
    const all = await runSql(t.db, `select count(*)::int as n from app_erp.sales_order`);
    const result = await runModel(t.db, order([], [count]));
    expect(Number(all[0]?.n)).toBeGreaterThan(result.rows[0]?.n as number);
  });
});
