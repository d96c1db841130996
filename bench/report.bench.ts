/**
 * Report engine vs hand-written SQL: a 2-dimension × 3-measure report (order month × customer
 * tier; count, sum of totals, average quantity) over N sales orders, compiled by
 * @tessera/reports and run by its runner, against the hand-written GROUP BY over the same
 * tables, alternating, in the same run. Prints a markdown table with medians and the ratio.
 * The report's statistics object is created as saving the report would (`ensureStatistics`), so
 * the engine pre-aggregates per customer as the server does; the hand-written query runs on the
 * same table and so profits from the object's estimates too. The engine's plain plan (join, then
 * group) is timed beside them.
 *
 *   pnpm exec tsx bench/report.bench.ts            # 1 000 000 orders
 *   pnpm exec tsx bench/report.bench.ts --quick    # 20 000 orders (smoke test)
 *   pnpm exec tsx bench/report.bench.ts --rows 200000
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_reports pnpm exec tsx bench/report.bench.ts
 *
 * Without DATABASE_URL it runs on the embedded PGlite in a temporary folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFormService } from '@tessera/forms';
import { compileReport, ensureStatistics, loadCatalog, runStatement } from '@tessera/reports';
import type { FormDefinition } from '@tessera/schema';
import { migrateToLatest, openDatabase } from '@tessera/store';
import { sql } from 'kysely';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const rows = args.includes('--rows') ? Number(args[args.indexOf('--rows') + 1]) : quick ? 20_000 : 1_000_000;
const runs = quick ? 3 : 7;
const l = (en: string) => ({ en });

const customer: FormDefinition = {
  key: 'customer',
  title: l('Customer'),
  fields: [
    { id: 'c1', key: 'name', type: 'text', label: l('Name') },
    {
      id: 'c2',
      key: 'tier',
      type: 'single_select',
      label: l('Tier'),
      options: ['strategic', 'key', 'normal'].map((value) => ({ value, label: l(value) })),
    },
  ],
};
const order: FormDefinition = {
  key: 'sales_order',
  title: l('Order'),
  fields: [
    { id: 'o1', key: 'customer', type: 'link', label: l('Customer'), form: 'customer' },
    { id: 'o2', key: 'order_date', type: 'date', label: l('Date') },
    { id: 'o3', key: 'total', type: 'money', label: l('Total'), currency: 'CNY' },
    { id: 'o4', key: 'quantity', type: 'integer', label: l('Quantity') },
  ],
};
const model = {
  source: 'sales_order',
  joins: [{ as: 'customer', path: 'customer' }],
  dimensions: [
    { key: 'month', field: 'order_date', bucket: 'month' },
    { key: 'tier', field: 'customer.tier' },
  ],
  measures: [
    { key: 'orders', agg: 'count' },
    { key: 'revenue', agg: 'sum', field: 'total' },
    { key: 'avg_quantity', agg: 'avg', field: 'quantity' },
  ],
};
const handWritten = sql`
  select date_trunc('month', o.order_date::timestamp)::date as month, c.tier, count(*) as orders,
         sum(o.total) as revenue, avg(o.quantity)::float8 as avg_quantity
  from app_bench.sales_order o left join app_bench.customer c on c.id = o.customer and c.deleted_at is null
  where o.deleted_at is null group by 1, 2 order by 1, 2`;

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const dataDir = url ? undefined : await mkdtemp(join(tmpdir(), 'tessera-bench-report-'));
  const database = await openDatabase(url ? { url } : { dataDir });
  const { db } = database;
  try {
    await migrateToLatest(db, database.connectionString);
    const forms = createFormService({ db, actor: { id: null }, clock: { now: () => new Date() } });
    await forms.ensureApp('bench');
    for (const form of [customer, order]) {
      const draft = await forms.saveDraft('bench', form);
      if (!draft.ok) throw new Error(JSON.stringify(draft.errors));
      const published = await forms.publish('bench', form.key, draft.version);
      if (!published.ok) throw new Error('publish refused');
    }
    await sql`truncate app_bench.sales_order, app_bench.customer cascade`.execute(db);
    await sql`insert into app_bench.customer (name, tier)
      select 'C' || g, (array['strategic','key','normal'])[1 + g % 3] from generate_series(1, 1000) g`.execute(
      db,
    );
    const seeded = Date.now();
    await sql`insert into app_bench.sales_order (customer, order_date, total, quantity, deleted_at)
      select c.a[1 + g % 1000], date '2024-01-01' + (g % 1000), ((g::bigint * 7919) % 100000) / 100.0, g % 17,
             case when g % 101 = 0 then now() end
      from generate_series(1, ${rows}) g, (select array_agg(id order by name) a from app_bench.customer) c`.execute(
      db,
    );
    await sql`analyze app_bench.sales_order`.execute(db);
    const seedSeconds = (Date.now() - seeded) / 1000;

    const clock = { now: new Date(), timeZone: 'UTC' };
    const compile = async (preAggregate: 'with_statistics' | 'never') => {
      const catalog = await loadCatalog(db, 'bench');
      const compiled = compileReport(catalog!, model, { clock, preAggregate });
      if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
      return compiled;
    };
    const wanted = (await compile('with_statistics')).statistics;
    if (!wanted) throw new Error('the report asks for no statistics object');
    const analyzed = Date.now();
    await ensureStatistics(db, wanted);
    const analyzeSeconds = (Date.now() - analyzed) / 1000;
    const compiled = await compile('with_statistics');
    if (!compiled.preAggregated) throw new Error('the report was not pre-aggregated');
    const plainPlan = await compile('never');
    const engine = () => runStatement(db, compiled.statement, compiled.columns, { timeoutMs: 600_000 });
    const plain = () => runStatement(db, plainPlan.statement, plainPlan.columns, { timeoutMs: 600_000 });
    const raw = () => handWritten.execute(db);

    const a = await engine();
    const b = await raw();
    const c = await plain();
    if (a.rows.length !== b.rows.length || c.rows.length !== b.rows.length)
      throw new Error(`row counts differ: ${a.rows.length}, ${c.rows.length} vs ${b.rows.length}`);
    const times = { engine: [] as number[], raw: [] as number[], plain: [] as number[] };
    const rotation = [
      ['engine', engine],
      ['raw', raw],
      ['plain', plain],
    ] as const;
    for (let i = 0; i < runs; i++) {
      // rotated, so no query always runs first or after the same neighbour
      for (let j = 0; j < rotation.length; j++) {
        const [name, run] = rotation[(i + j) % rotation.length]!;
        const started = performance.now();
        await run();
        times[name].push(performance.now() - started);
      }
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN;
    const e = median(times.engine);
    const r = median(times.raw);
    const p = median(times.plain);
    const kind = url ? 'Postgres server' : 'embedded PGlite';
    process.stdout.write(
      [
        `## Report engine vs hand-written SQL (${rows.toLocaleString('en-US')} orders, ${kind})`,
        '',
        `2 dimensions (order month, customer tier through a link join) × 3 measures (count, sum, avg); ${a.rows.length} groups; median of ${runs} runs each, in rotating order; seeding took ${seedSeconds.toFixed(1)} s, the report's statistics object (created and analyzed as saving the report does) ${analyzeSeconds.toFixed(1)} s.`,
        '',
        '| query | median ms | ratio |',
        '| --- | ---: | ---: |',
        `| hand-written GROUP BY | ${r.toFixed(1)} | 1.00 |`,
        `| @tessera/reports, pre-aggregated per customer (compile once, run with statement timeout) | ${e.toFixed(1)} | ${(e / r).toFixed(2)} |`,
        `| @tessera/reports, plain plan (join, then group) | ${p.toFixed(1)} | ${(p / r).toFixed(2)} |`,
        '',
      ].join('\n'),
    );
  } finally {
    await database.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
