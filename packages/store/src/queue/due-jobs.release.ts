import { type Kysely, sql } from 'kysely';

/**
 * Jobs are scheduled in the engines' clock time but the queue runs them by the database's clock.
 * When a movable clock is moved forward, the jobs it has made due (a flow timer, the next rule
 * tick, a retry) are released to run now. Jobs running, or out of attempts, are left alone.
 * Returns how many were released.
 */
export async function releaseJobsDueBy(db: Kysely<any>, at: Date): Promise<number> {
  const released = await sql<{ id: string }>`
    select id from graphile_worker.reschedule_jobs(
      array(
        select id from graphile_worker.jobs
        where locked_at is null and attempts < max_attempts
          and run_at > now() and run_at <= ${at.toISOString()}::timestamptz
      ),
      run_at => now()
    )`.execute(db);
  return released.rows.length;
}
