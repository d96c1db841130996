import { CompiledQuery, type Kysely } from 'kysely';
import pg from 'pg';

/**
 * Gives the jobs of a dead process back to the queue. graphile-worker 0.17 marks a fetched job
 * `locked_by` its worker pool and only frees it after a hard-coded 4 hours, so a process killed
 * with SIGKILL (or a lost machine) would hold its in-flight jobs that long. Liveness comes from
 * Postgres itself: each pool holds a session advisory lock derived from its id on a connection
 * of its own, which the server drops the moment the process or its connection dies. Every
 * process sweeps now and then: a job locked by a pool whose advisory lock nobody holds is
 * unlocked (`force_unlock_workers`) and runs again elsewhere — handlers are idempotent.
 * On the embedded PGlite the same holds: after a restart the old pool's lock is gone.
 */

/** First key of the two-key advisory lock ("tess"); the second is derived from the pool id. */
const LOCK_SPACE = 0x74657373;

/** Pools holding jobs (locked for more than $2 seconds) whose liveness lock nobody holds. */
const DEAD_POOLS_SQL = `select locked_by, count(*) as jobs from graphile_worker.jobs
  where locked_by is not null and locked_at < now() - make_interval(secs => $2)
    and not exists (select 1 from pg_locks l where l.locktype = 'advisory' and l.granted
      and l.classid = $1 and l.objsubid = 2 and l.objid = (hashtext(locked_by) & 2147483647)::bigint::oid)
  group by locked_by`;

/** Jobs held right now by pools of dead processes (for monitoring and checks). */
export async function orphanedJobs(db: Kysely<any>): Promise<number> {
  const rows = await db.executeQuery<{ jobs: string }>(CompiledQuery.raw(DEAD_POOLS_SQL, [LOCK_SPACE, 0]));
  return rows.rows.reduce((n, r) => n + Number(r.jobs), 0);
}

export interface ReclaimerOptions {
  readonly connectionString: string;
  /** How often to look for jobs of dead pools (ms). */
  readonly intervalMs?: number;
  /**
   * Jobs locked more recently than this are left alone (ms): a pool takes its liveness lock a
   * few milliseconds after it starts fetching jobs.
   */
  readonly graceMs?: number;
  readonly onReclaimed?: (pools: readonly string[], jobs: number) => void;
}

export interface Reclaimer {
  /** Takes the liveness lock of one of this process's worker pools. */
  hold(poolId: string): Promise<void>;
  /** One sweep now; returns how many jobs were given back. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

export async function startReclaimer(options: ReclaimerOptions): Promise<Reclaimer> {
  const { connectionString } = options;
  const graceMs = options.graceMs ?? 10_000;
  const held = new Set<string>();
  let client: pg.Client | undefined;
  let stopped = false;

  // The connection whose life is the pools' life. Lost (database restart, network): take a new
  // one and the locks again; meanwhile other processes may reclaim our jobs, which is harmless
  // because every job handler is idempotent.
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on('error', () => {
      if (client === next) client = undefined;
      if (!stopped) setTimeout(() => void connect().catch(() => {}), 1000);
    });
    await next.connect();
    client = next;
    for (const id of held) await lock(next, id);
  };
  // A try-lock: should two pool ids ever hash alike, the other holder keeps the key alive, which
  // only means no reclaim for us — never a wait, never a wrong reclaim.
  const lock = (c: pg.Client, poolId: string) =>
    c.query('select pg_try_advisory_lock($1, hashtext($2) & 2147483647)', [LOCK_SPACE, poolId]);
  await connect();

  const sweep = async (): Promise<number> => {
    const sweeper = new pg.Client({ connectionString });
    sweeper.on('error', () => {});
    await sweeper.connect();
    try {
      const dead = await sweeper.query<{ locked_by: string; jobs: string }>(DEAD_POOLS_SQL, [
        LOCK_SPACE,
        graceMs / 1000,
      ]);
      if (dead.rows.length === 0) return 0;
      const pools = dead.rows.map((r) => r.locked_by);
      await sweeper.query('select graphile_worker.force_unlock_workers($1::text[])', [pools]);
      const jobs = dead.rows.reduce((n, r) => n + Number(r.jobs), 0);
      options.onReclaimed?.(pools, jobs);
      return jobs;
    } finally {
      await sweeper.end().catch(() => {});
    }
  };

  const timer = setInterval(() => void sweep().catch(() => {}), options.intervalMs ?? 5_000);
  timer.unref();
  return {
    async hold(poolId) {
      held.add(poolId);
      if (client) await lock(client, poolId);
    },
    sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
