/**
 * Records API vs hand-written routes behind the same HTTP stack (Fastify with the same helmet,
 * cookie session + CSRF check, problem handler), 10 connections, autocannon:
 *
 * - create: POST …/forms/item/records (validation, auto-number, formula, history row,
 *   record.event job, the record as stored) vs one parameterised INSERT through the pg pool;
 * - get: GET …/records/:id vs `select * … where id = $1`;
 * - list: a filtered, sorted page of 50 over N rows (default 1 000 000, built with one set-based
 *   INSERT … SELECT generate_series) vs a hand-written route running the same SQL; the form
 *   declares the composite index the list needs (`indexes`), which both routes use.
 *
 *   pnpm exec tsx bench/records-api.bench.ts           # 10 s per route, 1M rows for the list
 *   pnpm exec tsx bench/records-api.bench.ts --quick   # 2 s per route, 20 000 rows (smoke test)
 *   pnpm exec tsx bench/records-api.bench.ts --rows 200000
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm exec tsx bench/records-api.bench.ts
 *
 * With DATABASE_URL it creates (and drops afterwards) its own database on that server; without,
 * it runs on the embedded PGlite in a temporary folder. Prints one markdown section.
 */
import { createRequire } from 'node:module';
import { sql } from 'kysely';
import { flag, openBenchDatabase, quick, recordsBench } from './bench-kit';
import { itemForm, itemGapsForm, LIST_QUERY, LIST_SQL } from './records-bench.form';

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  '2xx': number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const DURATION_S = quick ? 2 : 10;
const CONNECTIONS = 10;
const ROWS = Number(flag('rows') ?? (quick ? 20_000 : 1_000_000));

async function main(): Promise<void> {
  const database = await openBenchDatabase({ poolSize: CONNECTIONS });
  try {
    const db = database.db;
    const { app, headers, body } = await recordsBench(database, [itemForm, itemGapsForm], {
      sql: LIST_SQL,
      parameters: ['open', 40],
    });

    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const run = (method: 'GET' | 'POST', path: string) =>
      autocannon({
        url: `${address}${path}`,
        method,
        headers,
        ...(method === 'POST' ? { body } : {}),
        connections: CONNECTIONS,
        duration: DURATION_S,
      });
    /** Warm-up of both, then baseline and API alternately, twice; the better of each pair counts. */
    const pair = async (method: 'GET' | 'POST', raw: string, api: string) => {
      await run(method, raw);
      await run(method, api);
      const results = { raw: [] as AutocannonResult[], api: [] as AutocannonResult[] };
      for (let i = 0; i < 2; i++) {
        results.raw.push(await run(method, raw));
        results.api.push(await run(method, api));
      }
      const best = (xs: AutocannonResult[]) =>
        xs.reduce((a, b) => (b.requests.average > a.requests.average ? b : a));
      return { raw: best(results.raw), api: best(results.api), all: results };
    };

    const create = await pair('POST', '/bench/raw/items', '/api/apps/bench/forms/item/records');
    const createGaps = await pair('POST', '/bench/raw/items', '/api/apps/bench/forms/item_seq/records');
    const one = await app.inject({
      method: 'POST',
      url: '/api/apps/bench/forms/item/records',
      headers,
      payload: body,
    });
    const id = one.json().id as string;
    const get = await pair('GET', `/bench/raw/items/${id}`, `/api/apps/bench/forms/item/records/${id}`);

    const seeded = Date.now();
    await sql`insert into app_bench.item (name, qty, price, price__currency, code, value, status, created_at, updated_at)
      select 'Item ' || g, g % 50, (g % 1000) + 0.99, 'CNY', 'SEED-' || g, (g % 50) * ((g % 1000) + 0.99),
             (array['open','held','closed'])[1 + g % 3], now(), now()
      from generate_series(1, ${ROWS}) g`.execute(db);
    await sql`analyze app_bench.item`.execute(db);
    const seedSeconds = (Date.now() - seeded) / 1000;
    // Which index the list runs on (both routes run the same statement on the same table).
    const explained = await database.pool.query(`explain ${LIST_SQL}`, ['open', 40]);
    const listIndex =
      /using (\w+)/i.exec(explained.rows.map((r) => r['QUERY PLAN']).join('\n'))?.[1] ?? 'none (a scan)';
    const check = await app.inject({
      method: 'GET',
      url: `/api/apps/bench/forms/item/records?${LIST_QUERY}`,
      headers,
    });
    const raw = await database.pool.query(LIST_SQL, ['open', 40]);
    const apiIds = (check.json().items as Array<{ id: string }>).map((r) => r.id).join();
    if (
      check.statusCode !== 200 ||
      apiIds !==
        raw.rows
          .slice(0, 50)
          .map((r) => r.id)
          .join()
    ) {
      throw new Error(`the list routes disagree: ${check.statusCode} ${check.body.slice(0, 300)}`);
    }
    const list = await pair('GET', '/bench/raw/list', `/api/apps/bench/forms/item/records?${LIST_QUERY}`);
    await app.close();

    const rows: string[] = [];
    let failed = false;
    for (const [name, r] of [
      ['create, gap-free number', create],
      ['create, number with gaps allowed', createGaps],
      ['get by id', get],
      [`list of 50 (${ROWS.toLocaleString('en')} rows)`, list],
    ] as const) {
      const ratio = r.api.requests.average / Math.max(r.raw.requests.average, 1e-9);
      const p50 = r.api.latency.p50 / Math.max(r.raw.latency.p50, 1e-9);
      rows.push(
        `| ${name} | ${r.raw.requests.average.toFixed(0)} | ${r.raw.latency.p50} | ${r.api.requests.average.toFixed(0)} | ${r.api.latency.p50} | ${r.api.latency.p99} | **${ratio.toFixed(2)}** | ${p50.toFixed(2)} |`,
      );
      for (const x of [...r.all.raw, ...r.all.api]) if (x.non2xx + x.errors > 0) failed = true;
    }
    process.stdout.write(
      [
        `## Records API vs hand-written routes (${database.label}${quick ? ', quick' : ''})`,
        '',
        `${CONNECTIONS} connections, ${DURATION_S} s per run, same Fastify stack and session; a warm-up run of each, ` +
          'then baseline and API alternately twice (the better run of each counts). The API create also validates, ' +
          'numbers, computes the formula, writes history and the record.event job and returns the stored record; ' +
          'a gap-free number (the default) waits for the previous create of the form to commit, one with ' +
          '`gaps: "allowed"` comes from a sequence and never waits. ' +
          `List: \`${decodeURIComponent(LIST_QUERY)}\`; ${ROWS.toLocaleString('en')} rows seeded in ${seedSeconds.toFixed(1)} s; ` +
          `the list runs on index \`${listIndex}\` (the form's \`indexes\`).`,
        '',
        '| path | baseline req/s | baseline p50 ms | API req/s | API p50 ms | API p99 ms | req/s ratio (≥ 0.8) | p50 ratio |',
        '|---|---:|---:|---:|---:|---:|---:|---:|',
        ...rows,
        '',
      ].join('\n'),
    );
    if (failed) {
      process.stderr.write('some requests failed (non-2xx or errors)\n');
      process.exitCode = 1;
    }
  } finally {
    await database.close();
  }
}

await main();
