/**
 * Statements and round trips per records-API request (create, get, list), as the server runs
 * them: every query a pg client sends during one warmed-up request, in order, with its time.
 *
 *   pnpm exec tsx bench/records-profile.ts                 # embedded PGlite
 *   DATABASE_URL=postgres://… pnpm exec tsx bench/records-profile.ts
 */
import pg from 'pg';
import { createUser } from '../apps/server/src/auth/user.store';
import { buildRecordsBenchApp } from '../apps/server/src/forms/records-bench.app';
import { openBenchDatabase } from './bench-kit';
import { itemForm, LIST_QUERY } from './records-bench.form';

const log: { text: string; ms: number }[] = [];
let recording = false;
const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0] as string | { text: string };
  const text = typeof first === 'string' ? first : first?.text;
  const started = performance.now();
  const out = original.apply(this, args);
  if (recording && text && out instanceof Promise) {
    const entry = { text, ms: 0 };
    log.push(entry);
    out.then(
      () => {
        entry.ms = performance.now() - started;
      },
      () => {},
    );
  }
  return out;
};

async function main(): Promise<void> {
  const database = await openBenchDatabase({ poolSize: 4 });
  try {
    const app = await buildRecordsBenchApp(database.db);
    await createUser(database.db, { username: 'bench', password: 'quick brown 42 fox', isAdmin: true });
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
    const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
      app.inject({ method, url, headers, ...(payload ? { payload: payload as object } : {}) });
    await call('POST', '/api/apps', { key: 'bench' });
    const draft = await call('POST', '/api/apps/bench/forms/item/versions', itemForm);
    await call('POST', `/api/apps/bench/forms/item/versions/${draft.json().version}/publish`, {});
    const body = { name: 'Bench item', qty: 3, price: { amount: '19.99', currency: 'CNY' }, status: 'open' };
    const base = '/api/apps/bench/forms/item/records';
    const id = (await call('POST', base, body)).json().id as string;
    const requests: [string, () => Promise<unknown>][] = [
      ['create', () => call('POST', base, body)],
      ['get by id', () => call('GET', `${base}/${id}`)],
      ['list of 50', () => call('GET', `${base}?${LIST_QUERY}`)],
    ];
    for (const [, run] of requests) await run(); // warm caches
    const out: string[] = [`## Statements per request (${database.kind})`, ''];
    for (const [name, run] of requests) {
      log.length = 0;
      recording = true;
      const started = performance.now();
      await run();
      const total = performance.now() - started;
      recording = false;
      out.push(`### ${name}: ${log.length} statements, ${total.toFixed(1)} ms`, '');
      for (const q of log)
        out.push(
          `- ${q.ms.toFixed(2)} ms — \`${q.text.replace(/\s+/g, ' ').slice(0, Number(process.env.SQL_WIDTH ?? 160))}\``,
        );
      out.push('');
    }
    process.stdout.write(out.join('\n'));
    await app.close();
  } finally {
    await database.close();
  }
}

await main();
