import type { JobHandler } from '@tessera/store';
import type { Kysely } from 'kysely';

/**
 * The job-queue tasks this process runs. Engines never call each other directly: a record event,
 * a rule firing or a flow step is a job enqueued in the transaction that caused it, dispatched here.
 */
export function jobTasks(_deps: { db: Kysely<any> }): Record<string, JobHandler> {
  return {};
}
