import { type RawBuilder, sql } from 'kysely';

/**
 * Enqueueing many jobs from inside ONE data-modifying statement (a CTE per call): one job of
 * `task` per row of `source`, ordered by `orderBy`, while `when` holds. The queue's table layout
 * is graphile-worker 0.17's and stays in this file: callers never name `graphile_worker.*`.
 *
 * `direct: false` → ONE `add_jobs` call; graphile-worker sends its NOTIFY when the caller's
 * transaction commits. `direct: true` → the rows go into the job table without that NOTIFY:
 * Postgres serialises every committing transaction that notified (a global lock held through
 * the commit's WAL flush), which capped record writes at a fifth of a plain insert. The caller
 * then wakes the workers after its commit with `wakeJobWorkers` (they also poll, so a lost
 * wake-up only delays a job by the poll interval).
 *
 * The CTE is named `name` (`<name>_task` for the helper of the direct form) and yields `id`.
 */
export function jobRowsCtes(input: {
  readonly name: string;
  readonly task: string;
  readonly source: RawBuilder<unknown>;
  readonly payload: RawBuilder<unknown>;
  readonly orderBy: RawBuilder<unknown>;
  readonly when: RawBuilder<unknown>;
  readonly direct: boolean;
}): RawBuilder<unknown>[] {
  const { task, source, payload, orderBy, when } = input;
  const name = sql.id(input.name);
  if (!input.direct) {
    const specs = sql`select array_agg((${task}::text, ${payload}, null, null, null, null, null, null)::graphile_worker.job_spec order by ${orderBy}) as a from ${source}`;
    return [
      sql`${name} as (select j.id from (${specs}) s cross join lateral graphile_worker.add_jobs(s.a) j
        where s.a is not null and ${when})`,
    ];
  }
  // The task's id once per statement, registered on first use (migration 0003-queue-task-id).
  const taskCte = sql.id(`${input.name}_task`);
  return [
    sql`${taskCte} as (select tessera.job_task_id(${task}::text) as id)`,
    sql`${name} as (insert into graphile_worker._private_jobs (task_id, payload)
      select (select id from ${taskCte}), ${payload}
      from ${source} where ${when} order by ${orderBy} returning id)`,
  ];
}
