/**
 * Scale-out: END-TO-END throughput of 1, 2 and 3 server processes (`tessera start`, each with its
 * job workers) on one Postgres database, under the scale-out workload (bench/scale-out/workload.ts:
 * every ticket created over HTTP fires a rule and runs a flow with a 1-second timer — six jobs).
 *
 * Each run is a fixed batch followed by a drain: 8 clients create the batch's tickets round-robin
 * across the processes (as behind a load balancer), then the run waits until every ticket is
 * FULLY processed — created, its rule fired, its flow completed (ticket status "done") — and the
 * queue is empty. Tickets/s = batch / (first request → last ticket done): a rate the processes
 * sustain with their backlog worked off, not a creation rate that leaves work behind. Reported
 * next to it: the creation rate during the load, the time a ticket took from creation to done,
 * and how busy the machine's cores were — on a small machine the processes, the database and
 * the load generator share them. Every run is checked (no rule fired twice, no timer lost, no
 * job left).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm exec tsx bench/scale-out.bench.ts \
 *     [--quick] [--nodes 1,2,3] [--batch 600] [--runs 3]
 *
 * On the embedded PGlite it only says why it does not apply (one process owns the data folder).
 */
import { cpus, loadavg } from 'node:os';
import { migrateToLatest, openDatabase } from '@tessera/store';
import { type Kysely, sql } from 'kysely';
import { flag, int, median, ms, progress, quick, scratchDatabase, table } from './bench-kit';
import { type Cluster, createTickets, startCluster } from './scale-out/cluster';
import { busySince, type CpuMark, cpuMark, processCpu } from './scale-out/cpu-busy';
import { drain, installWorkload, JOBS_PER_TICKET, ticketPath, verify } from './scale-out/workload';

const counts = (flag('nodes') ?? '1,2,3').split(',').map(Number);
const runs = Number(flag('runs') ?? (quick ? 1 : 3));
const batch = Number(flag('batch') ?? (quick ? 60 : 600));
const concurrency = 8;
const workersPerNode = 2;

interface Run {
  readonly donePerSec: number;
  readonly createdPerSec: number;
  readonly p50: number;
  readonly p99: number;
  /** Seconds from a ticket's creation to its flow's end (median, 95th percentile). */
  readonly toDone50: number;
  readonly toDone95: number;
  /** Share of all cores busy from the first request to the last ticket done (0–1). */
  readonly busy: number;
  /** Cores the run itself used meanwhile: the processes, their Postgres backends, the clients. */
  readonly ownCores: number;
  readonly drained: boolean;
}

interface Row extends Omit<Run, 'drained'> {
  readonly nodes: number;
  readonly problems: string[];
}

/** Creation-to-done times of `ids` (their flow instance's end minus the ticket's creation). */
async function toDone(db: Kysely<any>, ids: readonly string[]): Promise<{ p50: number; p95: number }> {
  const r = await sql<{ p50: number | null; p95: number | null }>`
    select percentile_cont(0.5) within group (order by s) as p50, percentile_cont(0.95) within group (order by s) as p95
    from (select extract(epoch from i.ended_at - t.created_at) as s from app_scaleout.ticket t
      join tessera.flow_instances i on i.record_id = t.id::text and i.flow_key = 'ticket_flow'
      where t.id = any(${ids}::uuid[]) and i.ended_at is not null) x`.execute(db);
  return { p50: Number(r.rows[0]?.p50 ?? Number.NaN), p95: Number(r.rows[0]?.p95 ?? Number.NaN) };
}

/** CPU seconds so far of every process working for the run: by pid (this process: 0). */
async function ownCpu(db: Kysely<any>, cluster: Cluster): Promise<Map<number, number>> {
  const backends = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = current_database()`.execute(db);
  const cpu = new Map<number, number>();
  for (const pid of [...cluster.nodes.map((n) => n.pid), ...backends.rows.map((r) => r.pid)])
    cpu.set(pid, processCpu(pid));
  const self = process.cpuUsage();
  cpu.set(0, (self.user + self.system) / 1e6);
  return cpu;
}

async function oneRun(db: Kysely<any>, cluster: Cluster, acked: string[]): Promise<Run> {
  const mark: CpuMark = cpuMark();
  const cpuBefore = await ownCpu(db, cluster);
  const started = performance.now();
  const load = await createTickets(cluster, ticketPath, { requests: batch, concurrency });
  // A batch the processes cannot work off shows as a stalled queue (nothing changes for a minute).
  const drained = await drain(db, 10 * 60_000, { stallMs: 60_000 });
  const seconds = (performance.now() - started) / 1000;
  const busy = busySince(mark);
  let own = 0;
  for (const [pid, seconds] of await ownCpu(db, cluster)) own += seconds - (cpuBefore.get(pid) ?? 0);
  acked.push(...load.acked);
  const done = await toDone(db, load.acked);
  return {
    donePerSec: load.acked.length / seconds,
    createdPerSec: load.acked.length / load.seconds,
    p50: load.p50,
    p99: load.p99,
    toDone50: done.p50,
    toDone95: done.p95,
    busy,
    ownCores: own / seconds,
    drained: drained.left.jobs === 0 && drained.left.open === 0,
  };
}

async function measure(serverUrl: string, nodes: number): Promise<Row> {
  const scratch = await scratchDatabase(serverUrl, `tessera_scaleout_bench_${process.pid}_${nodes}`);
  const database = await openDatabase({ url: scratch.url, poolSize: 2 });
  try {
    await migrateToLatest(database.db, database.connectionString);
    await installWorkload(database.db);
    const cluster = await startCluster(scratch.url, nodes, workersPerNode);
    try {
      const acked: string[] = [];
      const warm = await createTickets(cluster, ticketPath, { requests: 10 * nodes, concurrency }); // warm-up
      acked.push(...warm.acked);
      await drain(database.db, 60_000);
      const results: Run[] = [];
      for (let i = 0; i < runs; i++) {
        const run = await oneRun(database.db, cluster, acked);
        results.push(run);
        progress(
          `${nodes} process(es), run ${i + 1}: ${run.donePerSec.toFixed(0)} tickets done/s ` +
            `(created ${run.createdPerSec.toFixed(0)}/s), cores ${(run.busy * 100).toFixed(0)} % busy, ` +
            `${run.ownCores.toFixed(2)} used by the run`,
        );
        if (!run.drained) break; // the backlog would only grow: report it rather than pile on
      }
      const problems = await verify(database.db, acked);
      if (results.some((r) => !r.drained)) problems.push('a batch did not drain (the queue stopped moving)');
      const mid = (pick: (r: Run) => number) => median(results.map(pick));
      return {
        nodes,
        donePerSec: mid((r) => r.donePerSec),
        createdPerSec: mid((r) => r.createdPerSec),
        p50: mid((r) => r.p50),
        p99: mid((r) => r.p99),
        toDone50: mid((r) => r.toDone50),
        toDone95: mid((r) => r.toDone95),
        busy: mid((r) => r.busy),
        ownCores: mid((r) => r.ownCores),
        problems,
      };
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
  const saturated = rows.filter((r) => r.busy >= 0.9).map((r) => r.nodes);
  return [
    `## Scale-out: ${counts.join(', ')} server processes on one Postgres database, end to end`,
    '',
    `Each process is \`tessera start\` with ${workersPerNode} job workers. A run: ${concurrency} clients create ${batch} tickets over HTTP round-robin across the processes, then the run waits until every ticket is fully processed — created, its rule fired, its flow completed after its 1-second timer — and the queue is empty; each ticket causes ${JOBS_PER_TICKET} jobs. **Tickets done/s** = tickets / (first request → last ticket done), the rate the processes sustain with their backlog worked off (median of ${runs} run(s)). "Created/s" is the HTTP side alone during the load; "created → done" is a ticket's time from creation to its flow's end, which includes the timer and the wait behind the batch. "Cores busy" is the share of all ${cores} cores in use (every program on the machine) from the first request to the last ticket done; "cores used by the run" is the CPU time the run's own processes took meanwhile (the server processes, their Postgres backends, the clients) per second — below the core count while the cores are saturated means other programs had the rest.`,
    '',
    table(
      [
        'processes',
        'tickets done/s',
        'vs 1 process',
        'created/s',
        'create p50 ms',
        'create p99 ms',
        'created → done p50 s',
        'p95 s',
        'cores busy',
        'cores used by the run',
        'checks',
      ],
      rows.map((r) => [
        r.nodes,
        int(r.donePerSec),
        `${(r.donePerSec / one.donePerSec).toFixed(2)}×`,
        int(r.createdPerSec),
        ms(r.p50),
        ms(r.p99),
        r.toDone50.toFixed(1),
        r.toDone95.toFixed(1),
        `${(r.busy * 100).toFixed(0)} %`,
        r.ownCores.toFixed(2),
        r.problems.length === 0 ? 'all hold' : `**${r.problems.join('; ')}**`,
      ]),
    ),
    '',
    `**This machine has ${cores} cores** (load average ${load} when the run began), shared by the server processes, the Postgres server, the load generator and whatever else runs. ${
      saturated.length > 0
        ? `With ${saturated.join(', ')} process(es) the cores were saturated (≥ 90 % busy): from there more processes cannot add throughput, only contention — a flat or falling ratio says the machine is full, not that the processes get in each other's way.`
        : 'The cores were not saturated in any run, so the ratio is what the processes themselves add.'
    } The processes share nothing but the database (sessions are rows, workers take jobs with SKIP LOCKED and fetch them in small batches), so on a machine with more cores than one process and its share of Postgres can use, throughput grows with processes until the database's cores are the limit; that is not measured here. Per-job costs (CPU and round trips): bench/scale-out/job-backlog.ts.`,
    '',
  ].join('\n');
}

process.stdout.write(`${await main()}\n`);
