import { type FileStorage, sweepFiles } from '@tessera/files';
import { enqueue } from '@tessera/store';
import type { Kysely } from 'kysely';
import type { Clock } from '../config/clock';

export const FILE_SWEEP_TASK = 'files.sweep';
const SWEEP_INTERVAL_MS = 15 * 60_000;

/** (Re)schedules the one sweep job (a job key: one per deployment, not per node); now by default. */
export async function scheduleFileSweep(db: Kysely<any>, runAt?: Date): Promise<void> {
  await enqueue(db, FILE_SWEEP_TASK, {}, { jobKey: FILE_SWEEP_TASK, ...(runAt ? { runAt } : {}) });
}

/** The queue task: delete unreachable files (see sweepFiles), then run again in 15 minutes. */
export async function fileSweepTask(deps: {
  readonly db: Kysely<any>;
  readonly storage: FileStorage;
  readonly clock: Clock;
  readonly graceMs: number;
}): Promise<void> {
  try {
    await sweepFiles(deps.db, deps.storage, { now: deps.clock.now(), graceMs: deps.graceMs });
  } finally {
    await scheduleFileSweep(deps.db, new Date(deps.clock.now().getTime() + SWEEP_INTERVAL_MS));
  }
}
