import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { CompiledQuery, type Expression, type SqlBool, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERP_CATALOG, publishErpForms, seedErpData, TEST_CLOCK } from '../../__fixtures__/erp-seed.fixture';
import { canonical, runSql } from '../../__fixtures__/report-test-kit';
import type { CompileOptions } from '../../model/report-context';
import { loadCatalog } from '../../runner/definition.repository';
import { runStatement } from '../../runner/report.runner';
import { ensureStatistics } from '../../runner/statistics.repository';
import { compileReport } from '../report.compiler';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await publishErpForms(t.db);
  await seedErpData(t.db);
  // Beside the seed's deleted customers (g % 29) and null totals: orders with no customer at all,
  // and one customer with many orders, so groups differ in size (an average of averages is wrong).
  await sql`insert into app_erp.sales_order (order_no, customer, order_date, status, total, item_count)
    select 'NULL-' || g, null, date '2025-03-01' + g, 'shipped', case when g % 3 = 0 then null else g * 10 end, g % 4
    from generate_series(1, 25) g`.execute(t.db);
  await sql`insert into app_erp.sales_order (order_no, customer, order_date, status, total, item_count)
    select 'MANY-' || g, (select id from app_erp.customer where deleted_at is null order by name limit 1),
           date '2025-03-01' + g % 40, 'confirmed', 1 + g, 1 + g % 9
    from generate_series(1, 300) g`.execute(t.db);
});
afterAll(async () => {
  await t?.close();
});

const run = async (model: object, plan: 'always' | 'never', options: Partial<CompileOptions> = {}) => {
  const compiled = compileReport(ERP_CATALOG, model, { clock: TEST_CLOCK, preAggregate: plan, ...options });
  if (!compiled.ok) throw new Error(`compile failed: ${JSON.stringify(compiled.errors)}`);
  const result = await runStatement(t.db, compiled.statement, compiled.columns);
  return { ...result, preAggregated: compiled.preAggregated, sql: compiled.statement.sql };
};

const month = { key: 'month', field: 'order_date', bucket: 'month' };
const tier = { key: 'tier', field: 'customer.tier' };
const figures = [
  { key: 'orders', agg: 'count' },
  { key: 'revenue', agg: 'sum', field: 'total' },
  { key: 'avg_total', agg: 'avg', field: 'total' },
  { key: 'avg_items', agg: 'avg', field: 'item_count' },
  { key: 'items', agg: 'sum', field: 'item_count' },
  { key: 'first', agg: 'min', field: 'order_date' },
  { key: 'last_ship', agg: 'max', field: 'shipped_at' },
  { key: 'top', agg: 'max', field: 'total' },
  { key: 'shipped', agg: 'count', where: { '==': [{ var: 'status' }, 'shipped'] } },
  { key: 'shipped_share', agg: 'ratio', numerator: 'shipped', denominator: 'orders' },
];
const order = (extra: object) => ({ source: 'sales_order', ...extra });

/** [what, model]: each runs pre-aggregated and plain, and both must give the same rows. */
const cases: [string, object][] = [
  [
    'month × customer tier, every splittable measure',
    order({ dimensions: [month, tier], measures: figures }),
  ],
  [
    'the linked record itself (customer name) and a source column',
    order({
      dimensions: [
        { key: 'customer', field: 'customer.name' },
        { key: 'status', field: 'status' },
      ],
      measures: figures,
    }),
  ],
  ['no dimensions: the totals', order({ joins: [{ as: 'customer', path: 'customer' }], measures: figures })],
  [
    'a filter on a linked field (applied after the join)',
    order({
      dimensions: [month],
      measures: figures,
      filter: { '!=': [{ var: 'customer.region' }, 'east'] },
    }),
  ],
  [
    'a filter on source fields and a date range (below the join)',
    order({
      dimensions: [tier],
      measures: figures,
      filter: { in: [{ var: 'status' }, ['shipped', 'confirmed']] },
      dateRange: { field: 'order_date', from: '2025-02-01', to: '2026-01-01' },
    }),
  ],
  [
    'a required (inner) join drops the unlinked orders',
    order({
      joins: [{ as: 'customer', path: 'customer', required: true }],
      dimensions: [tier],
      measures: figures,
    }),
  ],
  [
    'the same link joined twice (two keys)',
    order({
      joins: [
        { as: 'a', path: 'customer' },
        { as: 'b', path: 'customer', required: true },
      ],
      dimensions: [
        { key: 'tier', field: 'a.tier' },
        { key: 'region', field: 'b.region' },
      ],
      measures: figures,
    }),
  ],
  [
    'a condition dimension on linked fields, a bucketed datetime and bins on the source',
    order({
      dimensions: [
        { key: 'east', expr: { '==': [{ var: 'customer.region' }, 'east'] } },
        { key: 'ship_q', field: 'shipped_at', bucket: 'quarter' },
        { key: 'band', field: 'total', bins: { edges: [1000, 5000] } },
      ],
      measures: [figures[0], figures[2]],
    }),
  ],
  [
    'a pivot with subtotals (rollup over the re-aggregated rows)',
    order({
      dimensions: [month, tier],
      measures: [figures[0], figures[1], figures[2]],
      pivot: { rows: ['month'], columns: ['tier'], subtotals: true },
    }),
  ],
  [
    'having, sort by a measure and a limit',
    order({
      dimensions: [tier, { key: 'status', field: 'status' }],
      measures: [figures[0], figures[2]],
      having: { '>': [{ var: 'orders' }, 5] },
      sort: [{ by: 'avg_total', direction: 'desc' }],
      limit: 4,
    }),
  ],
];

describe('the pre-aggregated plan (group per link key, then join, then re-aggregate)', () => {
  it.each(cases)('%s: the same groups and figures as the plain plan', async (_name, model) => {
    const pre = await run(model, 'always');
    const plain = await run(model, 'never');
    expect(pre.preAggregated).toBe(true);
    expect(plain.preAggregated).toBe(false);
    expect(pre.sql).toMatch(/group by "q"\."k0"/);
    expect(plain.rows.length).toBeGreaterThan(0);
    expect(canonical(pre.rows)).toEqual(canonical(plain.rows));
  });

  it('keeps the unlinked orders as their own group, with exact sums and averages', async () => {
    const pre = await run(order({ dimensions: [tier], measures: figures }), 'always');
    const unlinked = pre.rows.find((r) => r.tier === null);
    const expected = await runSql(
      t.db,
      `select count(*)::int as n, sum(o.total)::text as revenue, avg(o.total)::float8 as avg_total
       from app_erp.sales_order o left join app_erp.customer c on c.id = o.customer and c.deleted_at is null
       where o.deleted_at is null and c.id is null`,
    );
    expect(unlinked?.orders).toBe(expected[0]?.n);
    expect(Number(expected[0]?.n)).toBeGreaterThan(25); // the null links and the deleted customers'
    expect(unlinked?.revenue).toBe(expected[0]?.revenue);
    expect(unlinked?.avg_total).toBeCloseTo(Number(expected[0]?.avg_total), 9);
  });

  it('computes an average as sum / count, not as the average of the per-key averages', async () => {
    const pre = await run(order({ dimensions: [tier], measures: [figures[2]] }), 'always');
    const wrong = await runSql(
      t.db,
      `select tier, avg(a)::float8 as avg_total from (
         select c.tier, o.customer, avg(o.total) as a from app_erp.sales_order o
         left join app_erp.customer c on c.id = o.customer and c.deleted_at is null
         where o.deleted_at is null group by 1, 2) s group by 1`,
    );
    const plain = await run(order({ dimensions: [tier], measures: [figures[2]] }), 'never');
    expect(canonical(pre.rows)).toEqual(canonical(plain.rows));
    // the data tells the two apart, so the comparison above can fail
    expect(canonical(wrong)).not.toEqual(canonical(plain.rows));
  });

  it('applies the caller row filter below the join and the join filter in its ON clause', async () => {
    const rowFilter = (alias: string): Expression<SqlBool> =>
      sql<SqlBool>`${sql.ref(`${alias}.status`)} <> ${'cancelled'}`;
    const joinFilter = (form: string, alias: string): Expression<SqlBool> | undefined =>
      form === 'customer' ? sql<SqlBool>`${sql.ref(`${alias}.region`)} = ${'west'}` : undefined;
    const model = order({ dimensions: [month, tier], measures: figures });
    const pre = await run(model, 'always', { rowFilter, joinFilter });
    const plain = await run(model, 'never', { rowFilter, joinFilter });
    expect(pre.preAggregated).toBe(true);
    expect(canonical(pre.rows)).toEqual(canonical(plain.rows));
    expect(pre.rows.some((r) => r.tier === null)).toBe(true); // customers outside the scope read as none
  });

  it.each([
    [
      'a count distinct',
      order({ dimensions: [tier], measures: [{ key: 'n', agg: 'count_distinct', field: 'status' }] }),
    ],
    ['a median', order({ dimensions: [tier], measures: [{ key: 'm', agg: 'median', field: 'total' }] })],
    [
      'a measure of a linked field',
      order({ dimensions: [month], measures: [{ key: 'm', agg: 'min', field: 'customer.since' }] }),
    ],
    [
      'a filter reading both sides',
      order({
        dimensions: [tier],
        measures: [figures[0]],
        filter: {
          or: [{ '==': [{ var: 'status' }, 'shipped'] }, { '==': [{ var: 'customer.region' }, 'east'] }],
        },
      }),
    ],
    [
      'a dimension reading both sides',
      order({
        dimensions: [
          {
            key: 'x',
            expr: {
              and: [{ '==': [{ var: 'status' }, 'shipped'] }, { '==': [{ var: 'customer.region' }, 'east'] }],
            },
          },
        ],
        measures: [figures[0]],
      }),
    ],
    [
      'line items (one-to-many)',
      order({
        joins: [{ as: 'items', path: 'items' }],
        dimensions: [{ key: 'p', field: 'items.quantity' }],
        measures: [figures[0]],
      }),
    ],
    ['no join at all', order({ dimensions: [month], measures: [figures[0]] })],
  ])('falls back to the plain plan for %s, with the same rows', async (_name, model) => {
    const pre = await run(model, 'always');
    const plain = await run(model, 'never');
    expect(pre.preAggregated).toBe(false);
    expect(canonical(pre.rows)).toEqual(canonical(plain.rows));
  });
});

describe('statistics on the bucket expression', () => {
  const model = order({ dimensions: [month, tier], measures: figures.slice(0, 3) });
  const estimates = async (statement: { sql: string; parameters: readonly unknown[] }) => {
    const r = await t.db.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(`explain (format json) ${statement.sql}`, [...statement.parameters]),
    );
    const raw = Object.values(r.rows[0] ?? {})[0];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
    const out: { type: string; rows: number; keys: string }[] = [];
    const walk = (n: PlanNode) => {
      if (n['Node Type'] === 'Aggregate')
        out.push({ type: n.Strategy ?? '', rows: n['Plan Rows'], keys: String(n['Group Key']) });
      for (const c of n.Plans ?? []) walk(c);
    };
    walk(plan[0]!.Plan);
    return out;
  };

  it('pre-aggregates with_statistics only once the object is analyzed, and the planner then estimates the groups exactly', async () => {
    const before = await loadCatalog(t.db, 'erp');
    const first = compileReport(before!, model, { clock: TEST_CLOCK, preAggregate: 'with_statistics' });
    if (!first.ok) throw new Error('compile failed');
    expect(first.preAggregated).toBe(false);
    expect(first.statistics?.name).toBe('sales_order__customer_order_date_month__st');
    await ensureStatistics(t.db, first.statistics!);
    const after = await loadCatalog(t.db, 'erp');
    expect(after?.statistics?.has(first.statistics!.name)).toBe(true);
    const second = compileReport(after!, model, { clock: TEST_CLOCK, preAggregate: 'with_statistics' });
    if (!second.ok) throw new Error('compile failed');
    expect(second.preAggregated).toBe(true);

    const truth = await runSql(
      t.db,
      `select (select count(*) from (select distinct customer, date_trunc('month', order_date::timestamp)::date
                from app_erp.sales_order where deleted_at is null) x)::int as pairs,
              (select count(distinct date_trunc('month', order_date::timestamp)::date) from app_erp.sales_order)::int as months`,
    );
    const aggregates = await estimates(second.statement);
    // the per-key groups: (customer, month) pairs, not the capped product of the columns' counts
    const perKey = aggregates.find((a) => a.keys.includes('customer'));
    expect(perKey?.rows).toBeGreaterThan(Number(truth[0]?.pairs) * 0.8);
    expect(perKey?.rows).toBeLessThan(Number(truth[0]?.pairs) * 1.25);
    // and the plain statement benefits as well: its month groups estimated from the object
    const plain = compileReport(after!, model, { clock: TEST_CLOCK, preAggregate: 'never' });
    if (!plain.ok) throw new Error('compile failed');
    const top = (await estimates(plain.statement))[0];
    expect(top?.rows).toBeLessThanOrEqual(Number(truth[0]?.months) * 5);
  });
});

interface PlanNode {
  'Node Type': string;
  Strategy?: string;
  'Plan Rows': number;
  'Group Key'?: string[];
  Plans?: PlanNode[];
}
