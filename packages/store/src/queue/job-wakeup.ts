import { type Kysely, sql } from 'kysely';

/**
 * Wakes the job workers after jobs were committed without a NOTIFY of their own
 * (`jobRowsCtes` with `direct: true`): ONE notification per handle at most every few
 * milliseconds, from outside any write. Workers also poll, so a lost wake-up only delays a job
 * by the poll interval.
 */
const pending = new WeakSet<Kysely<any>>();
const DELAY_MS = 5;

export function wakeJobWorkers(db: Kysely<any>): void {
  if (db.isTransaction || pending.has(db)) return;
  pending.add(db);
  const timer = setTimeout(() => {
    pending.delete(db);
    sql`select pg_notify('jobs:insert', '{"r":0,"count":1}')`.execute(db).catch(() => {
      // The database may be closing; workers poll anyway.
    });
  }, DELAY_MS);
  timer.unref?.();
}
