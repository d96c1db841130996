/**
 * Where a records-API request's time goes (create, get, list), as the server runs them:
 *
 * - every statement a pg client sends during one warmed-up request, in order, with its time;
 * - `--cpu N`: Node's CPU per request (`process.cpuUsage` over N sequential `inject` calls each,
 *   after a warm-up; on PGlite its worker thread is counted too) and the wall time per request
 *   (on a server: what the database spent as well), for the API routes and the hand-written baselines of records-api.bench.ts side by
 *   side; with `--cpuprofile DIR`, a V8 CPU profile of each API route's N calls alone
 *   (`DIR/create.cpuprofile`, …: open in Chrome DevTools, or summarise it with
 *   `node bench/cpuprofile-top.mjs FILE`).
 *
 *   pnpm exec tsx bench/records-profile.ts                 # embedded PGlite
 *   DATABASE_URL=postgres://… pnpm exec tsx bench/records-profile.ts --cpu 2000
 *   DATABASE_URL=… pnpm exec tsx bench/records-profile.ts --cpu 3000 --cpuprofile /tmp/prof
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import pg from 'pg';
import { flag, openBenchDatabase, recordsBench } from './bench-kit';
import { itemForm, LIST_QUERY, LIST_SQL } from './records-bench.form';

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
    const { app, headers, body } = await recordsBench(database, [itemForm], {
      sql: LIST_SQL,
      parameters: ['open', 40],
    });
    const call = async (method: 'GET' | 'POST', url: string) => {
      const response = await app.inject({ method, url, headers, ...(method === 'POST' ? { body } : {}) });
      if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.body.slice(0, 300)}`);
      return response;
    };
    const base = '/api/apps/bench/forms/item/records';
    const id = (await call('POST', base)).json().id as string;
    const requests: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      ['create', () => call('POST', base), () => call('POST', '/bench/raw/items')],
      ['get by id', () => call('GET', `${base}/${id}`), () => call('GET', `/bench/raw/items/${id}`)],
      ['list of 50', () => call('GET', `${base}?${LIST_QUERY}`), () => call('GET', '/bench/raw/list')],
    ];
    for (const [, run] of requests) await run(); // warm caches
    const out: string[] = [`## Statements per request (${database.label})`, ''];
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
    const cpuRuns = Number(flag('cpu') ?? 0);
    if (cpuRuns > 0) {
      out.push(`### Node CPU per request (${cpuRuns} sequential inject calls each)`, '');
      out.push(
        '| request | API CPU µs | baseline CPU µs | API − baseline | API wall µs | baseline wall µs |',
        '|---|---:|---:|---:|---:|---:|',
      );
      const profileDir = flag('cpuprofile');
      const inspector = profileDir ? new Session() : undefined;
      if (inspector) {
        inspector.connect();
        await inspector.post('Profiler.enable');
      }
      const cpu = async (run: () => Promise<unknown>, profile?: string) => {
        for (let i = 0; i < Math.min(200, cpuRuns); i++) await run();
        if (inspector && profile) await inspector.post('Profiler.start');
        const before = process.cpuUsage();
        const started = performance.now();
        for (let i = 0; i < cpuRuns; i++) await run();
        const wall = ((performance.now() - started) * 1000) / cpuRuns;
        const used = process.cpuUsage(before);
        if (inspector && profile && profileDir) {
          const { profile: data } = await inspector.post('Profiler.stop');
          await writeFile(join(profileDir, `${profile}.cpuprofile`), JSON.stringify(data));
        }
        return { cpu: (used.user + used.system) / cpuRuns, wall };
      };
      for (const [name, api, raw] of requests) {
        const a = await cpu(api, name.split(' ')[0]);
        const b = await cpu(raw);
        out.push(
          `| ${name} | ${a.cpu.toFixed(0)} | ${b.cpu.toFixed(0)} | ${(a.cpu - b.cpu).toFixed(0)} | ${a.wall.toFixed(0)} | ${b.wall.toFixed(0)} |`,
        );
      }
      out.push('');
    }
    process.stdout.write(out.join('\n'));
    await app.close();
  } finally {
    await database.close();
  }
}

await main();
