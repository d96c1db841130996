/**
 * Records API vs a hand-written insert, behind the same HTTP stack (Fastify with the same
 * helmet, cookie session + CSRF check, problem handler): POST /api/apps/bench/forms/item/records
 * (validation, auto-number, formula, history row, record.event job, read-back) against
 * POST /bench/raw/items (one parameterised INSERT through the pg pool). Prints a markdown table
 * with requests/s, latencies and the ratio.
 *
 *   pnpm exec tsx bench/records-api.bench.ts           # 10 s per route, 10 connections
 *   pnpm exec tsx bench/records-api.bench.ts --quick   # 2 s per route (smoke test)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_records pnpm exec tsx bench/records-api.bench.ts
 *
 * Without DATABASE_URL it runs on the embedded PGlite in a temporary folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openDatabase } from '@tessera/store';
// The server is an app, not a library: the bench uses its modules by path.
import { createUser } from '../apps/server/src/auth/user.store';
import { buildRecordsBenchApp } from '../apps/server/src/forms/records-bench.app';

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  '2xx': number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const quick = process.argv.includes('--quick');
const DURATION_S = quick ? 2 : 10;
const CONNECTIONS = 10;

const label = (en: string) => ({ en });
const itemForm = {
  key: 'item',
  title: label('Item'),
  fields: [
    { id: 'i1', key: 'name', type: 'text', label: label('Name'), required: true, maxLength: 200 },
    { id: 'i2', key: 'qty', type: 'integer', label: label('Qty'), min: 0 },
    { id: 'i3', key: 'price', type: 'money', label: label('Price'), currency: 'CNY' },
    { id: 'i4', key: 'code', type: 'auto_number', label: label('Code'), pattern: 'IT-{YYYY}-{seq:6}' },
    {
      id: 'i5',
      key: 'value',
      type: 'formula',
      label: label('Value'),
      resultType: 'number',
      scale: 2,
      expression: { '*': [{ var: 'qty' }, { var: 'price' }] },
    },
  ],
};

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const dataDir = url ? undefined : await mkdtemp(join(tmpdir(), 'tessera-bench-'));
  const database = await openDatabase(
    url ? { url, poolSize: CONNECTIONS } : { dataDir, poolSize: CONNECTIONS },
  );
  try {
    await migrateToLatest(database.db, database.connectionString);
    const db = database.db;
    const app = await buildRecordsBenchApp(db);

    // The hand-written baseline: same app, same hooks (session + CSRF), one INSERT.
    app.post('/bench/raw/items', async (request, reply) => {
      const body = request.body as { name: string; qty: number; price: { amount: string } };
      const result = await database.pool.query(
        'insert into app_bench.item (name, qty, price, price__currency) values ($1, $2, $3, $4) returning id',
        [body.name, body.qty, body.price.amount, 'CNY'],
      );
      return reply.status(201).send({ id: result.rows[0].id });
    });

    const created = await createUser(database.db, {
      username: 'bench',
      password: 'quick brown 42 fox',
      isAdmin: true,
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'bench', password: 'quick brown 42 fox' },
    });
    const cookie = login.cookies.find((c) => c.name === 'tessera_session');
    const headers = {
      cookie: `${cookie?.name}=${cookie?.value}`,
      'x-csrf-token': login.json().csrfToken as string,
      'content-type': 'application/json',
    };
    const call = (method: 'POST', path: string, payload: unknown) =>
      app.inject({ method, url: path, headers, payload: payload as object });
    await call('POST', '/api/apps', { key: 'bench' });
    const draft = await call('POST', '/api/apps/bench/forms/item/versions', itemForm);
    const published = await call(
      'POST',
      `/api/apps/bench/forms/item/versions/${draft.json().version}/publish`,
      {},
    );
    if (published.statusCode !== 200) throw new Error(`publish failed: ${published.body}`);

    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const body = JSON.stringify({ name: 'Bench item', qty: 3, price: { amount: '19.99', currency: 'CNY' } });
    const run = (path: string) =>
      autocannon({
        url: `${address}${path}`,
        method: 'POST',
        headers,
        body,
        connections: CONNECTIONS,
        duration: DURATION_S,
      });

    await run('/bench/raw/items'); // warm-up of both paths (JIT, pools, caches)
    await run('/api/apps/bench/forms/item/records');
    const raw = await run('/bench/raw/items');
    const api = await run('/api/apps/bench/forms/item/records');
    await app.close();

    const row = (name: string, r: AutocannonResult) =>
      `| ${name} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p99} | ${r['2xx']} | ${r.non2xx + r.errors} |`;
    const ratio = raw.requests.average / Math.max(api.requests.average, 1e-9);
    process.stdout.write(
      [
        `## Records API create vs hand-written insert (${database.kind}${quick ? ', quick' : ''})`,
        '',
        `${CONNECTIONS} connections, ${DURATION_S} s per route after a warm-up run, same Fastify stack and session.`,
        '',
        '| route | req/s | p50 ms | p99 ms | 2xx | errors/non-2xx |',
        '|---|---:|---:|---:|---:|---:|',
        row('hand-written INSERT (`POST /bench/raw/items`)', raw),
        row('records API (`POST …/forms/item/records`)', api),
        '',
        `**Ratio: the hand-written insert serves ${ratio.toFixed(1)}× the requests/s of the records API** ` +
          '(which also validates, numbers, computes the formula, writes history and the event, and reads the record back).',
        '',
      ].join('\n'),
    );
    if (api.non2xx + api.errors > 0 || raw.non2xx + raw.errors > 0) process.exitCode = 1;
  } finally {
    await database.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
