import { type Kysely, sql } from 'kysely';

/**
 * `tessera.job_task_id(task)`: the queue's id of a task name, registering the name on first use.
 * Statements that insert job rows themselves (`jobRowsCtes` with `direct: true`) call it instead
 * of registering the name in the statement: there, two first writes at once on a fresh database
 * made the second wait for the first's registration and then not see it (one snapshot per
 * statement), so its job got no task and the write failed. A VOLATILE plpgsql function reads
 * with a fresh snapshot per statement, as graphile-worker's own add_job does. (Created before
 * the queue's schema exists: plpgsql resolves the table when it first runs.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create or replace function tessera.job_task_id(task text) returns int
    language plpgsql volatile as $$
    declare found int;
    begin
      select id into found from graphile_worker._private_tasks where identifier = task;
      if found is null then
        insert into graphile_worker._private_tasks (identifier) values (task) on conflict do nothing;
        select id into found from graphile_worker._private_tasks where identifier = task;
      end if;
      return found;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function tessera.job_task_id(text)`.execute(db);
}
