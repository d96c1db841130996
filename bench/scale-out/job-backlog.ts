/**
 * What one job costs: ONE process's job workers (the server's own `startJobWorker` + `jobTasks`)
 * drain a backlog of tickets of the scale-out workload created beforehand (workers stopped).
 * `--fetch-batch` and `--complete-ms` override the queue's batching (see JobWorkerOptions);
 * TRACE_SQL=1 adds the statements by count and task, TRACE_SQL=all each one as sent (use with
 * `--workers 1 --tickets 1` to read one ticket's jobs statement by statement).
 * Reported: jobs/s, tickets fully processed/s, this process's CPU and the Postgres backends' CPU
 * per job, round trips (queries on `pg` clients) per job, and per task the count and mean time.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     node --import tsx/esm bench/scale-out/job-backlog.ts [--tickets 2000] [--workers 2]
 *
 * Less sensitive to a busy machine than wall-clock rates: CPU per job does not count the time
 * other programs held the cores. Postgres CPU is read from /proc (server on this machine only).
 */
import { createRecordService } from '@tessera/forms';
import { migrateToLatest, openDatabase, startJobWorker } from '@tessera/store';
import { sql } from 'kysely';
import pg from 'pg';
import { jobTasks } from '../../apps/server/src/jobs/job-tasks';
import { flag, scratchDatabase } from '../bench-kit';
import { processCpu } from './cpu-busy';
import { APP, drain, installWorkload, verify } from './workload';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const tickets = Number(flag('tickets') ?? 2000);
const workers = Number(flag('workers') ?? 2);
const fetchBatch = flag('fetch-batch') === undefined ? undefined : Number(flag('fetch-batch'));
const completeBatchMs = flag('complete-ms') === undefined ? undefined : Number(flag('complete-ms'));

// Round trips: every query a `pg` client sends (kysely's pool, the queue's own pool, the reclaimer).
let queries = 0;
/** The task running now (exact with --workers 1): the SQL trace groups queries by it. */
let current = '-';
const texts = new Map<string, number>();
const query = pg.Client.prototype.query;
/** The monitor's own connections (the drain's polling) are not counted. */
const unseen = new WeakSet<pg.Client>();
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (unseen.has(this)) return (query as (...a: unknown[]) => unknown).apply(this, args);
  queries++;
  if (process.env.TRACE_SQL) {
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?');
    const key = `${current} | ${text.replace(/\s+/g, ' ').slice(0, 150)}`;
    texts.set(key, (texts.get(key) ?? 0) + 1);
    if (process.env.TRACE_SQL === 'all' && current !== '-') process.stdout.write(`${key}\n`);
  }
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const scratch = await scratchDatabase(serverUrl, `tessera_jobbacklog_${process.pid}`);
const database = await openDatabase({ url: scratch.url, poolSize: 4 });
const monitor = await openDatabase({ url: scratch.url, poolSize: 1 });
monitor.pool.on('acquire', (client) => unseen.add(client));
const name = new URL(scratch.url).pathname.slice(1);
/** The server processes working for this database right now, and their CPU so far. */
async function backends(): Promise<Map<number, number>> {
  const rows = await sql<{
    pid: number;
  }>`select pid from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`.execute(
    monitor.db,
  );
  return new Map(rows.rows.map((r) => [r.pid, processCpu(r.pid)]));
}

try {
  await migrateToLatest(database.db, database.connectionString);
  await installWorkload(database.db);
  const records = createRecordService({
    db: database.db,
    actor: { id: null },
    clock: { now: () => new Date() },
  });
  // One create per ticket, as over HTTP: one `record.event` job each (a bulk insert may batch them).
  let next = 0;
  const lane = async () => {
    while (next < tickets) {
      const i = next++;
      await records.create(APP, 'ticket', { title: `ticket ${i}`, amount: i % 1000 });
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  const ids = (await sql<{ id: string }>`select id from app_scaleout.ticket`.execute(database.db)).rows.map(
    (r) => r.id,
  );

  const perTask = new Map<string, { n: number; ms: number }>();
  const tasks = Object.fromEntries(
    Object.entries(jobTasks({ db: database.db })).map(([task, handler]) => [
      task,
      (async (payload, helpers) => {
        const t = performance.now();
        current = task;
        try {
          return await handler(payload, helpers);
        } finally {
          current = '-';
          const s = perTask.get(task) ?? { n: 0, ms: 0 };
          s.n++;
          s.ms += performance.now() - t;
          perTask.set(task, s);
        }
      }) as typeof handler,
    ]),
  );
  const cpu0 = process.cpuUsage();
  const q0 = queries;
  const started = performance.now();
  const worker = await startJobWorker({
    connectionString: database.connectionString,
    tasks,
    concurrency: workers,
    ...(fetchBatch === undefined ? {} : { fetchBatch }),
    ...(completeBatchMs === undefined ? {} : { completeBatchMs }),
  });
  const pgBefore = await backends();
  const drained = await drain(monitor.db, 10 * 60_000, { stallMs: 60_000 });
  const pgAfter = await backends();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const roundTrips = queries - q0;
  await worker.stop();

  const jobs = [...perTask.values()].reduce((n, s) => n + s.n, 0);
  let pgCpu = 0;
  for (const [pid, after] of pgAfter) pgCpu += after - (pgBefore.get(pid) ?? 0);
  const problems = await verify(database.db, ids);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(
    `${tickets} tickets, ${jobs} jobs, ${workers} workers, drained in ${seconds.toFixed(1)} s (left ${JSON.stringify(drained.left)})`,
  );
  say(`  ${(jobs / seconds).toFixed(0)} jobs/s, ${(tickets / seconds).toFixed(0)} tickets/s end to end`);
  say(
    `  per job: node CPU ${((cpu.user + cpu.system) / 1000 / jobs).toFixed(2)} ms, Postgres CPU ${((pgCpu * 1000) / jobs).toFixed(2)} ms, ${(roundTrips / jobs).toFixed(1)} round trips`,
  );
  for (const [task, s] of [...perTask].sort())
    say(`  ${task}: ${s.n} jobs, ${(s.ms / s.n).toFixed(1)} ms each`);
  if (process.env.TRACE_SQL)
    for (const [text, n] of [...texts].sort((a, b) => b[1] - a[1]).slice(0, 80)) say(`  ${n}\t${text}`);
  say(problems.length === 0 ? '  checks: all hold' : `  checks FAILED: ${problems.join('; ')}`);
} finally {
  await monitor.close();
  await database.close();
  await scratch.drop();
}
