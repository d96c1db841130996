import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orphanedJobs } from '../queue/dead-worker.reclaimer';
import { enqueue, startJobWorker } from '../queue/job-queue';
import { createTestDatabase, type TestDatabase } from '../testing';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

/** Marks the job with `payload.n` as fetched by `pool` a minute ago, as a worker does. */
async function lockAs(n: number, pool: string): Promise<void> {
  await sql`update graphile_worker._private_jobs set locked_by = ${pool}, locked_at = now() - interval '1 minute',
    attempts = attempts + 1 where (payload->>'n')::int = ${n}`.execute(t.db);
}

describe('jobs of a dead process', () => {
  it('go back to the queue and run; jobs of a live process stay with it', async () => {
    await enqueue(t.db, 'probe', { n: 1 });
    await enqueue(t.db, 'probe', { n: 2 });
    // Pool "pool-dead" fetched job 1 and died (SIGKILL): nobody holds its liveness lock.
    await lockAs(1, 'pool-dead');
    // Pool "pool-alive" is running job 2 (slowly): its process holds its liveness lock.
    const alive = new pg.Client({ connectionString: t.connectionString });
    await alive.connect();
    await alive.query('select pg_advisory_lock($1, hashtext($2) & 2147483647)', [0x74657373, 'pool-alive']);
    await lockAs(2, 'pool-alive');

    expect(await orphanedJobs(t.db)).toBe(1);
    const ran: number[] = [];
    const worker = await startJobWorker({
      connectionString: t.connectionString,
      concurrency: 1,
      pollInterval: 200,
      reclaimAfterMs: 1000,
      tasks: {
        probe: async (payload) => {
          ran.push((payload as { n: number }).n);
        },
      },
    });
    try {
      const until = Date.now() + 15_000;
      while (!ran.includes(1) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 1500)); // a few more sweeps
      expect(ran).toEqual([1]);
      expect(await orphanedJobs(t.db)).toBe(0);
      const left = await sql<{ n: number; locked_by: string | null }>`
        select (payload->>'n')::int as n, locked_by from graphile_worker._private_jobs`.execute(t.db);
      expect(left.rows).toEqual([{ n: 2, locked_by: 'pool-alive' }]);
    } finally {
      await worker.stop();
      await alive.end();
    }
  });
});
