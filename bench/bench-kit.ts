/**
 * What every benchmark shares: the flags, the database choice, medians and markdown tables.
 *
 * The output contract (bench/run-all.ts relies on it): a benchmark prints ONE markdown section on
 * stdout, starting with a `## ` heading, with a table of medians and the ratio against a
 * baseline measured in the same run; progress and noise go to stderr. `DATABASE_URL` selects a
 * Postgres server (run-all hands each run a fresh database of its own), otherwise the embedded
 * PGlite in a temporary folder. `--quick` means tiny sizes: proof that it runs, not a figure.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, migrateToLatest, openDatabase } from '@tessera/store';
import { sql } from 'kysely';

export const args = process.argv.slice(2);
export const quick = args.includes('--quick');

/** The value after `--name`, if given. */
export function flag(name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `runs` times and returns the elapsed milliseconds of each run. */
export async function timeRuns(runs: number, fn: (run: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn(i);
    times.push(performance.now() - started);
  }
  return times;
}

export const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
export const int = (value: number) => Math.round(value).toLocaleString('en-US');

/** A markdown table; columns whose header starts with a digit-ish measure are right-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const align = headers.map((_, i) =>
    rows.every((r) => typeof r[i] === 'number' || /^[\d.,×<>~−-]/.test(String(r[i]))) ? '---:' : '---',
  );
  return [
    `| ${headers.join(' | ')} |`,
    `|${align.join('|')}|`,
    ...rows.map((r) => `| ${r.map(String).join(' | ')} |`),
  ].join('\n');
}

export interface BenchDatabase extends Database {
  /** "embedded PGlite" or "Postgres 16.4 server". */
  readonly label: string;
}

/** A new empty database on the server of `serverUrl`; `drop()` removes it. */
export async function scratchDatabase(
  serverUrl: string,
  name: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  const onServer = async (statement: string) => {
    const admin = await openDatabase({ url: serverUrl, poolSize: 1 });
    try {
      await sql.raw(statement).execute(admin.db);
    } finally {
      await admin.close();
    }
  };
  await onServer(`drop database if exists ${name} with (force)`);
  await onServer(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`drop database if exists ${name} with (force)`) };
}

/**
 * Opens and migrates the benchmark's own database: a fresh one on the server of DATABASE_URL
 * (dropped on close, so a run never leaves tables in a shared database), or the embedded
 * PGlite in a temporary folder.
 */
export async function openBenchDatabase(options: { poolSize?: number } = {}): Promise<BenchDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  const scratch = serverUrl ? await scratchDatabase(serverUrl, `tessera_bench_${process.pid}`) : undefined;
  const dataDir = scratch ? undefined : await mkdtemp(join(tmpdir(), 'tessera-bench-'));
  const discard = async () => {
    await scratch?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  const database = await openDatabase(
    scratch ? { url: scratch.url, poolSize: options.poolSize } : { dataDir, poolSize: options.poolSize },
  ).catch(async (error) => {
    await discard();
    throw error;
  });
  try {
    await migrateToLatest(database.db, database.connectionString);
  } catch (error) {
    await database.close();
    await discard();
    throw error;
  }
  const version = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(
    database.db,
  );
  const label = `${scratch ? 'Postgres server' : 'embedded PGlite'} (Postgres ${version.rows[0]?.v.split(' ')[0] ?? '?'})`;
  return {
    ...database,
    label,
    async close() {
      await database.close();
      await discard();
    },
  };
}

/** Progress lines for the person watching (stderr, so the section on stdout stays clean). */
export function progress(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

/** What records-api.bench.ts and records-profile.ts run against (see recordsBench). */
export interface RecordsBench {
  readonly app: Awaited<
    ReturnType<typeof import('../apps/server/src/forms/records-bench.app').buildRecordsBenchApp>
  >;
  /** Cookie, CSRF token and JSON content type of the logged-in bench admin. */
  readonly headers: Record<string, string>;
  /** A JSON body the item forms accept (and the baseline insert route too). */
  readonly body: string;
}

/**
 * The records benchmarks' server: the records HTTP stack (apps/server's records-bench.app), the
 * hand-written baselines on the same instance behind the same hooks (session + CSRF) — one pg
 * statement each: `POST /bench/raw/items`, `GET /bench/raw/items/:id`, `GET /bench/raw/list` —
 * an admin logged in, app `bench` with `forms` published. The server's modules are loaded
 * here, not at the top, so benchmarks that do not use them do not pay for loading them.
 */
export async function recordsBench(
  database: Database,
  forms: readonly { key: string }[],
  list: { sql: string; parameters: readonly unknown[] },
): Promise<RecordsBench> {
  const { buildRecordsBenchApp } = await import('../apps/server/src/forms/records-bench.app');
  const { createUser } = await import('../apps/server/src/auth/user.store');
  const app = await buildRecordsBenchApp(database.db);
  app.post('/bench/raw/items', async (request, reply) => {
    const body = request.body as { name: string; qty: number; price: { amount: string } };
    const result = await database.pool.query(
      'insert into app_bench.item (name, qty, price, price__currency) values ($1, $2, $3, $4) returning *',
      [body.name, body.qty, body.price.amount, 'CNY'],
    );
    return reply.status(201).send(result.rows[0]);
  });
  app.get('/bench/raw/items/:id', async (request) => {
    const result = await database.pool.query('select * from app_bench.item where id = $1', [
      (request.params as { id: string }).id,
    ]);
    return result.rows[0];
  });
  app.get('/bench/raw/list', async () => {
    const result = await database.pool.query(list.sql, [...list.parameters]);
    return { items: result.rows.slice(0, 50), more: result.rows.length > 50 };
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
  const call = (path: string, payload: unknown) =>
    app.inject({ method: 'POST', url: path, headers, payload: payload as object });
  await call('/api/apps', { key: 'bench' });
  for (const form of forms) {
    const draft = await call(`/api/apps/bench/forms/${form.key}/versions`, form);
    const published = await call(
      `/api/apps/bench/forms/${form.key}/versions/${draft.json().version}/publish`,
      {},
    );
    if (published.statusCode !== 200) throw new Error(`publish failed: ${published.body}`);
  }
  const body = JSON.stringify({
    name: 'Bench item',
    qty: 3,
    price: { amount: '19.99', currency: 'CNY' },
    status: 'open',
  });
  return { app, headers, body };
}
