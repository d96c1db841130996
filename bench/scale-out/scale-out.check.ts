/**
 * The scale-out check (issue 9), run by .ci/run after the test suites, against the Postgres
 * server only (the embedded PGlite is one process by design — its data-folder lock):
 *
 *   N `tessera start` processes with their job workers on one fresh database; tickets created
 *   over HTTP, round-robin; each ticket fires a rule and runs a flow with a timer. One node is
 *   killed with SIGKILL when 40 % of the tickets are acknowledged. Then: the other nodes carried
 *   on, every acknowledged ticket exists, every rule fired exactly once per ticket, every timer
 *   fired once, every flow completed, and no job is left — including the ones the dead node had
 *   fetched (reclaimed after ~10 s, packages/store/src/queue/dead-worker.reclaimer.ts).
 *
 *   node --import tsx/esm bench/scale-out/scale-out.check.ts [--nodes 3] [--tickets 300]
 *   DATABASE_URL=postgres://user@host:5432/postgres …   (default postgres://postgres@127.0.0.1:5432/postgres)
 *
 * It is a script rather than a vitest file so that it runs once, alone on the machine, on the
 * server only, instead of inside both parallel test runs. Exit code 0 = every invariant holds.
 */
import { migrateToLatest, openDatabase, orphanedJobs } from '@tessera/store';
import { sql } from 'kysely';
import { flag, scratchDatabase } from '../bench-kit';
import { createTickets, startCluster } from './cluster';
import { backlog, drain, installWorkload, ticketPath, verify } from './workload';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const nodes = Number(flag('nodes') ?? 3);
const tickets = Number(flag('tickets') ?? 300);
const say = (line: string) => process.stdout.write(`scale-out: ${line}\n`);

async function main(): Promise<boolean> {
  const started = Date.now();
  const scratch = await scratchDatabase(serverUrl, `tessera_scaleout_${process.pid}`);
  const database = await openDatabase({ url: scratch.url, poolSize: 2 });
  let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
  try {
    await migrateToLatest(database.db, database.connectionString);
    await installWorkload(database.db);
    cluster = await startCluster(scratch.url, nodes);
    say(
      `${nodes} nodes up in ${((Date.now() - started) / 1000).toFixed(1)} s (${cluster.nodes.map((n) => n.url).join(', ')})`,
    );

    const victim = cluster.nodes[1]!;
    let killed: Promise<void> | undefined;
    const load = await createTickets(cluster, ticketPath, {
      requests: tickets,
      concurrency: 6,
      onAck: (acked) => {
        if (!killed && acked >= tickets * 0.4) killed = victim.kill();
      },
    });
    await killed;
    await new Promise((r) => setTimeout(r, 500)); // the server notices the dropped connections
    const orphaned = await orphanedJobs(database.db);
    say(
      `${load.acked.length} tickets acknowledged, ${load.failed} not (in flight to the killed node), ` +
        `${(load.acked.length / load.seconds).toFixed(0)} req/s; node ${victim.url} killed with SIGKILL at 40 %; ` +
        `it held ${orphaned} jobs; backlog ${JSON.stringify(await backlog(database.db))}`,
    );

    const drained = await drain(database.db, 60_000);
    say(`queue drained in ${(drained.ms / 1000).toFixed(1)} s (left: ${JSON.stringify(drained.left)})`);
    const problems = await verify(database.db, load.acked);
    for (const node of cluster.nodes.filter((n) => n !== victim)) {
      const health = await fetch(`${node.url}/api/health`).catch(() => null);
      if (health?.status !== 200) problems.push(`surviving node ${node.url} is not healthy`);
    }
    if (load.acked.length < tickets * 0.9)
      problems.push(`only ${load.acked.length} of ${tickets} tickets acknowledged`);
    const count = await sql<{ n: number }>`select count(*)::int as n from app_scaleout.ticket`.execute(
      database.db,
    );
    if (problems.length === 0) {
      say(
        `ok in ${((Date.now() - started) / 1000).toFixed(1)} s: ${Number(count.rows[0]!.n)} tickets, each with one rule firing, ` +
          'one completed flow, one fired timer, one log of each; no acknowledged write lost; no job left',
      );
      return true;
    }
    for (const problem of problems) say(`FAILED: ${problem}`);
    for (const node of cluster.nodes)
      if (node.output().includes('rror')) say(`${node.url} printed:\n${node.output()}`);
    return false;
  } finally {
    await cluster?.stop();
    await database.close();
    await scratch.drop();
  }
}

process.exit((await main()) ? 0 : 1);
