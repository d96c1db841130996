/**
 * Scale-out: throughput of 1, 2 and 3 server processes (`tessera start`, each with its job
 * workers) on one Postgres database, under the scale-out workload (bench/scale-out/workload.ts:
 * every ticket created over HTTP fires a rule and runs a flow with a 1-second timer — four jobs).
 * Requests go round-robin to the processes, as behind a load balancer. Reported: created
 * tickets per second (median of several load phases), jobs per second (from the first request
 * to an empty queue), and the ratio against one process — next to the number of cores, because
 * on a small machine the processes, the database and the load generator share them. Each run
 * is checked afterwards (no rule fired twice, no timer lost, no job left).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm exec tsx bench/scale-out.bench.ts [--quick] [--nodes 1,2,3]
 *
 * On the embedded PGlite it only says why it does not apply (one process owns the data folder).
 */
import { cpus, loadavg } from 'node:os';
import { migrateToLatest, openDatabase } from '@tessera/store';
import { flag, int, median, ms, progress, quick, scratchDatabase, table } from './bench-kit';
import { createTickets, startCluster } from './scale-out/cluster';
import { drain, installWorkload, JOBS_PER_TICKET, ticketPath, verify } from './scale-out/workload';

const counts = (flag('nodes') ?? '1,2,3').split(',').map(Number);
const phases = quick ? 1 : 3;
const phaseMs = quick ? 3_000 : 15_000;
const concurrency = 8;

interface Row {
  nodes: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  jobsPerSec: number;
  problems: string[];
}

async function measure(serverUrl: string, nodes: number): Promise<Row> {
  const scratch = await scratchDatabase(serverUrl, `tessera_scaleout_bench_${process.pid}_${nodes}`);
  const database = await openDatabase({ url: scratch.url, poolSize: 2 });
  try {
    await migrateToLatest(database.db, database.connectionString);
    await installWorkload(database.db);
    const cluster = await startCluster(scratch.url, nodes);
    try {
      await createTickets(cluster, ticketPath, { requests: 10 * nodes, concurrency }); // warm-up
      await drain(database.db, 60_000);
      const started = performance.now();
      const results = [];
      for (let i = 0; i < phases; i++) {
        results.push(await createTickets(cluster, ticketPath, { durationMs: phaseMs, concurrency }));
      }
      // A backlog drains as long as the queue keeps shrinking (the load outruns 2 cores' workers);
      // a queue that stops shrinking for a minute is reported as not drained.
      const drained = await drain(database.db, 30 * 60_000, { stallMs: 60_000 });
      const seconds = (performance.now() - started) / 1000;
      const tickets = results.reduce((n, r) => n + r.acked.length, 0);
      const problems = await verify(
        database.db,
        results.flatMap((r) => r.acked),
      );
      if (drained.left.jobs > 0) problems.push(`queue not drained: ${JSON.stringify(drained.left)}`);
      const row = {
        nodes,
        reqPerSec: median(results.map((r) => r.acked.length / r.seconds)),
        p50: median(results.map((r) => r.p50)),
        p99: median(results.map((r) => r.p99)),
        jobsPerSec: (JOBS_PER_TICKET * tickets) / seconds,
        problems,
      };
      progress(
        `${nodes} process(es): ${row.reqPerSec.toFixed(0)} req/s, ${row.jobsPerSec.toFixed(0)} jobs/s`,
      );
      return row;
    } finally {
      await cluster.stop();
    }
  } finally {
    await database.close();
    await scratch.drop();
  }
}

async function main(): Promise<string> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    return [
      '## Scale-out: N server processes on one database (embedded PGlite)',
      '',
      'Not applicable: the embedded PGlite is one Postgres backend inside one process, and its data folder is locked to that process. Scale-out needs a Postgres server — see the server run of this benchmark and docs/deployment.md.',
      '',
    ].join('\n');
  }
  const load = loadavg()[0]!.toFixed(1);
  const rows: Row[] = [];
  for (const n of counts) rows.push(await measure(serverUrl, n));
  const one = rows.find((r) => r.nodes === 1) ?? rows[0]!;
  const cores = cpus().length;
  return [
    `## Scale-out: ${counts.join(', ')} server processes on one Postgres database`,
    '',
    `Each process is \`tessera start\` with 2 job workers; ${concurrency} concurrent clients create tickets round-robin across them for ${phases} × ${phaseMs / 1000} s (median of the phases); each ticket causes ${JOBS_PER_TICKET} jobs (record event, rule action, flow timer, record event of the flow's update). Jobs/s counts from the first request to an empty queue.`,
    '',
    table(
      ['processes', 'tickets created/s', 'p50 ms', 'p99 ms', 'jobs/s', 'req/s vs 1 process', 'checks'],
      rows.map((r) => [
        r.nodes,
        int(r.reqPerSec),
        ms(r.p50),
        ms(r.p99),
        int(r.jobsPerSec),
        `${(r.reqPerSec / one.reqPerSec).toFixed(2)}×`,
        r.problems.length === 0 ? 'all hold' : `**${r.problems.join('; ')}**`,
      ]),
    ),
    '',
    `**This machine has ${cores} cores** (load average ${load} when the run began), shared by the server processes, the Postgres server and the load generator: once they are saturated, more processes only add contention, which is what a falling ratio shows here — and each process brings 2 more job workers, which take CPU from the HTTP side (compare the jobs/s column). Whether throughput grows with processes on bigger machines is not measured by this run; the design does not stand in the way — the processes share nothing but the database (sessions are rows, workers take jobs with SKIP LOCKED). Jobs/s includes the flow's 1-second timer and the wait for the last jobs, so short runs understate it.`,
    '',
  ].join('\n');
}

process.stdout.write(`${await main()}\n`);
