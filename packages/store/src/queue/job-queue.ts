import { EventEmitter } from 'node:events';
import {
  Logger,
  type Runner,
  run,
  runMigrations,
  type TaskList,
  type WorkerEvents,
  type Logger as WorkerLogger,
} from 'graphile-worker';
import { type Kysely, sql } from 'kysely';
import { startReclaimer } from './dead-worker.reclaimer';

/**
 * The Postgres job queue (graphile-worker): jobs are rows, fetched with SKIP LOCKED, so any number
 * of processes can work one queue and no job runs twice at once. Chosen over pg-boss because its
 * `add_job` is a SQL function: enqueueing is one statement inside the caller's own transaction,
 * so a job exists if and only if the change that caused it committed (the transactional outbox).
 */

export interface EnqueueOptions {
  /** Jobs with the same queue name run one at a time, in order. */
  readonly queue?: string;
  readonly runAt?: Date;
  readonly maxAttempts?: number;
  /** At most one pending job per key: a second enqueue with the key replaces the first. */
  readonly jobKey?: string;
  readonly priority?: number;
}

/** Enqueues a job on `executor` — pass the transaction whose commit should release it. */
export async function enqueue(
  executor: Kysely<any>,
  task: string,
  payload: unknown,
  options: EnqueueOptions = {},
): Promise<void> {
  await sql`select graphile_worker.add_job(
    identifier => ${task},
    payload => ${JSON.stringify(payload ?? {})}::json,
    queue_name => ${options.queue ?? null},
    run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? null}::int,
    job_key => ${options.jobKey ?? null},
    priority => ${options.priority ?? null}::int
  )`.execute(executor);
}

const silentLogger: WorkerLogger = new Logger(() => () => {});

/** Installs or upgrades the queue's own schema (`graphile_worker`). */
export async function migrateJobQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, noPreparedStatements: true, logger: silentLogger });
}

export type JobHandler = (payload: unknown, helpers: { jobId: string; attempts: number }) => Promise<void>;

export interface JobWorkerOptions {
  readonly connectionString: string;
  readonly tasks: Readonly<Record<string, JobHandler>>;
  readonly concurrency?: number;
  /** How often to look for jobs scheduled in the future (ms); new jobs are announced by NOTIFY. */
  readonly pollInterval?: number;
  readonly logger?: WorkerLogger;
  /**
   * Jobs fetched (and locked) per round trip, handed to this process's workers one by one
   * (graphile-worker's local queue; default concurrency + 1, 1 = one fetch per job). A busy
   * queue then costs a fraction of a fetch per job instead of one each.
   */
  readonly fetchBatch?: number;
  /**
   * Completed jobs are deleted together, at most this long after the first of them finished
   * (ms, default 20; -1 = one delete per job). A process killed in between runs those jobs again
   * after the reclaim below — every handler is idempotent.
   */
  readonly completeBatchMs?: number;
  /**
   * Jobs of a dead process (SIGKILL, lost machine) go back to the queue after about this long
   * (ms, default 10 000) instead of graphile-worker's 4 hours — see dead-worker.reclaimer.ts.
   */
  readonly reclaimAfterMs?: number;
}

export interface JobWorker {
  stop(): Promise<void>;
}

export async function startJobWorker(options: JobWorkerOptions): Promise<JobWorker> {
  const taskList: TaskList = {};
  for (const [name, handler] of Object.entries(options.tasks)) {
    taskList[name] = (payload, helpers) =>
      handler(payload, { jobId: helpers.job.id, attempts: helpers.job.attempts });
  }
  const reclaimAfterMs = options.reclaimAfterMs ?? 10_000;
  const reclaimer = await startReclaimer({
    connectionString: options.connectionString,
    graceMs: reclaimAfterMs,
    intervalMs: Math.max(250, Math.min(5_000, reclaimAfterMs / 2)),
  });
  // The pool's id is what it writes into `locked_by`; its liveness lock is taken as it starts.
  const events = new EventEmitter() as WorkerEvents;
  events.on('pool:create', ({ workerPool }) => void reclaimer.hold(workerPool.id).catch(() => {}));
  const concurrency = options.concurrency ?? 2;
  const fetchBatch = options.fetchBatch ?? concurrency + 1;
  let runner: Runner;
  try {
    runner = await run({
      preset: {
        worker: {
          ...(fetchBatch > 1 ? { localQueue: { size: Math.max(fetchBatch, concurrency) } } : {}),
          completeJobBatchDelay: options.completeBatchMs ?? 20,
        },
      },
      connectionString: options.connectionString,
      events,
      noPreparedStatements: true,
      concurrency,
      pollInterval: options.pollInterval ?? 1000,
      noHandleSignals: true,
      logger: options.logger ?? silentLogger,
      taskList,
    });
  } catch (error) {
    await reclaimer.stop();
    throw error;
  }
  await reclaimer.sweep().catch(() => {});
  return {
    async stop() {
      await runner.stop();
      await reclaimer.stop();
    },
  };
}
