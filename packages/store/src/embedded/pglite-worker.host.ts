import { Worker } from 'node:worker_threads';

/** What one batch of protocol messages produced, or that it was stopped past its time limit. */
export type BatchOutcome =
  | { readonly kind: 'done'; readonly output: Uint8Array; readonly inTransaction: boolean }
  | { readonly kind: 'stopped'; readonly afterMs: number; readonly wasInTransaction: boolean };

export interface PgliteWorkerHost {
  /** Runs a batch; past the backend's statement_timeout the worker is ended and the data reopened. */
  run(messages: readonly Uint8Array[], closesTurn: boolean): Promise<BatchOutcome>;
  /**
   * One step of a COPY FROM STDIN (pglite-copy-in.ts): BEGIN first when `begin`, the segment's
   * rows loaded by `statement` from `data`, then COMMIT or ROLLBACK by `end`; `endOnError`: a
   * refusal rolls back (the COPY's own transaction).
   */
  copy(step: CopyStepRequest): Promise<CopyStepResult>;
  /** The backend's transaction state after the last batch. */
  inTransaction(): boolean;
  /** Ends a half-sent query and any open transaction (a connection left mid-turn). */
  reset(): Promise<void>;
  /** Whether a batch is running now, and for how long (ms). */
  busyForMs(): number | undefined;
  /** Closes PGlite cleanly; past `graceMs` the worker is ended instead (the data recovers at the next open). */
  close(graceMs?: number): Promise<void>;
}

export interface CopyStepRequest {
  readonly statement: string;
  readonly data?: Uint8Array;
  readonly begin?: boolean;
  readonly end?: 'commit' | 'rollback';
  readonly endOnError?: boolean;
  /** Instead of data: fail the statement (the client sent CopyFail). */
  readonly fail?: boolean;
}

export interface CopyStepResult {
  readonly rows: number;
  readonly error: { code: string; message: string; detail?: string } | null;
}

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly output?: Uint8Array;
  readonly inTransaction?: boolean;
  readonly timeoutMs?: number;
  readonly message?: string;
  readonly rows?: number;
  readonly error?: CopyStepResult['error'];
}

/** Time a stopped statement is given past its statement_timeout before the worker is ended. */
const STOP_SLACK_MS = 50;

/**
 * The embedded PGlite in a worker thread. A WebAssembly Postgres cannot be interrupted (it has no
 * timer signals; statement_timeout does nothing there), but a worker can be ended: a statement
 * past the backend's statement_timeout ends the worker, and a new one opens the same data folder —
 * Postgres' crash recovery replays the WAL, so committed data stays and the stopped transaction is
 * gone, exactly as after a server crash. The server's event loop never runs a statement itself.
 */
export async function startPgliteWorker(dir: string): Promise<PgliteWorkerHost> {
  let worker = await spawn(dir);
  let nextId = 0;
  let timeoutMs = 0;
  let inTransaction = false;
  let running: { since: number } | undefined;
  let pending = new Map<number, (reply: Reply) => void>();
  let closed = false;

  const listen = (w: Worker) => {
    w.on('message', (reply: Reply) => {
      const resolve = pending.get(reply.id);
      pending.delete(reply.id);
      resolve?.(reply);
    });
    w.on('error', () => {});
    w.on('exit', () => {
      if (w !== worker) return;
      // died on its own (out of memory…): fail what waits; the next request reopens
      for (const resolve of pending.values())
        resolve({ id: -1, ok: false, message: 'the embedded database stopped' });
      pending = new Map();
    });
  };
  listen(worker);

  const request = (message: object): Promise<Reply> => {
    const id = ++nextId;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      worker.postMessage({ id, ...message });
    });
  };

  let reopening: Promise<void> | undefined;
  const reopen = async () => {
    reopening ??= (async () => {
      const old = worker;
      await old.terminate().catch(() => undefined);
      for (const resolve of pending.values()) resolve({ id: -1, ok: false, message: 'stopped' });
      pending = new Map();
      worker = await spawn(dir);
      listen(worker);
      timeoutMs = 0;
      inTransaction = false;
    })().finally(() => {
      reopening = undefined;
    });
    await reopening;
  };

  return {
    async run(messages, closesTurn) {
      if (reopening) await reopening;
      const limit = timeoutMs;
      const wasInTransaction = inTransaction;
      const since = Date.now();
      running = { since };
      let timer: NodeJS.Timeout | undefined;
      try {
        const reply = request({ kind: 'run', messages, closesTurn });
        const outcome =
          limit > 0
            ? await Promise.race([
                reply,
                new Promise<'stopped'>((resolve) => {
                  timer = setTimeout(() => resolve('stopped'), limit + STOP_SLACK_MS);
                }),
              ])
            : await reply;
        if (outcome === 'stopped') {
          await reopen();
          return { kind: 'stopped', afterMs: Date.now() - since, wasInTransaction };
        }
        if (!outcome.ok) {
          await reopen();
          return { kind: 'stopped', afterMs: Date.now() - since, wasInTransaction };
        }
        timeoutMs = outcome.timeoutMs ?? 0;
        inTransaction = outcome.inTransaction ?? false;
        return { kind: 'done', output: outcome.output ?? new Uint8Array(), inTransaction };
      } finally {
        clearTimeout(timer);
        running = undefined;
      }
    },
    async copy(step) {
      if (reopening) await reopening;
      running = { since: Date.now() };
      try {
        const reply = await request({ kind: 'copy', ...step });
        if (!reply.ok) {
          await reopen();
          return {
            rows: 0,
            error: { code: '57P01', message: reply.message ?? 'the embedded database stopped' },
          };
        }
        inTransaction = reply.inTransaction ?? false;
        return { rows: reply.rows ?? 0, error: reply.error ?? null };
      } finally {
        running = undefined;
      }
    },
    inTransaction: () => inTransaction,
    async reset() {
      if (reopening) await reopening;
      const reply = await request({ kind: 'reset' });
      if (!reply.ok) return reopen();
      timeoutMs = reply.timeoutMs ?? 0;
      inTransaction = false;
    },
    busyForMs: () => (running ? Date.now() - running.since : undefined),
    async close(graceMs = 10_000) {
      if (closed) return;
      closed = true;
      if (reopening) await reopening.catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      const graceful = request({ kind: 'close' }).then(() => true);
      const late = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), graceMs);
      });
      await Promise.race([graceful, late]);
      clearTimeout(timer);
      await worker.terminate().catch(() => undefined);
    },
  };
}

async function spawn(dir: string): Promise<Worker> {
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: { dir } });
  await new Promise<void>((resolve, reject) => {
    const onMessage = (message: { ready?: boolean }) => {
      if (!message.ready) return;
      worker.off('error', reject);
      worker.off('message', onMessage);
      resolve();
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the embedded database worker exited (code ${code})`)));
  });
  return worker;
}
