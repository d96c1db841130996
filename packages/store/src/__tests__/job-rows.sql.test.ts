import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRowsCtes } from '../queue/job-rows.sql';
import { createTestDatabase, type TestDatabase } from '../testing';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe('job rows inserted by a statement of their own (jobRowsCtes, direct)', () => {
  it('the first writes of a new task at once all commit, each job with its task', async () => {
    const task = `probe.first_use_${Date.now()}`;
    const ctes = jobRowsCtes({
      name: 'e',
      task,
      source: sql`(values (1), (2)) as ch(o)`,
      payload: sql`json_build_object('o', ch.o)`,
      orderBy: sql`ch.o`,
      when: sql`true`,
      direct: true,
    });
    // Each transaction registers the task name first on a fresh queue and holds it a moment: the
    // others wait for that registration and must still find the task once it commits.
    const writes = Array.from({ length: 6 }, () =>
      t.db.transaction().execute(async (trx) => {
        await sql`with ${sql.join(ctes)} select count(*) from e`.execute(trx);
        await sql`select pg_sleep(0.05)`.execute(trx);
      }),
    );
    const outcomes = await Promise.allSettled(writes);
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const jobs = await sql<{ n: number }>`select count(*)::int as n from graphile_worker.jobs
      where task_identifier = ${task}`.execute(t.db);
    expect(jobs.rows[0]!.n).toBe(12);
    await sql`delete from graphile_worker._private_jobs j using graphile_worker._private_tasks k
      where k.id = j.task_id and k.identifier = ${task}`.execute(t.db);
  });
});
