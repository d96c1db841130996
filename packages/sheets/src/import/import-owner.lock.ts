import { type Kysely, sql } from 'kysely';

/** First key of the two-key advisory lock of import owners ("timp"); the second: hash of the owner id. */
export const IMPORT_OWNER_LOCK_SPACE = 0x74696d70;

/**
 * The liveness of a server process that runs imports: while it has imports queued or running it
 * holds a session advisory lock derived from its owner id, on a pooled connection of its own
 * (idle between statements, so it blocks nobody — also on the embedded PGlite). Postgres drops
 * the lock with the process or its connection, so an import whose owner's lock nobody holds was
 * interrupted (interruptOrphanedImports). Take it BEFORE inserting an import row naming the owner.
 */
export class ImportOwnerLock {
  private users = 0;
  private held: Promise<{ release: () => Promise<void> }> | undefined;

  constructor(
    private readonly db: Kysely<any>,
    readonly owner: string,
  ) {}

  /** One more import of this process: the lock is taken if it is not held yet. */
  async hold(): Promise<void> {
    this.users += 1;
    this.held ??= this.take();
    try {
      await this.held;
    } catch (error) {
      this.users -= 1;
      this.held = undefined;
      throw error;
    }
  }

  /** One import less; the last one gives the lock (and its connection) back. */
  async drop(): Promise<void> {
    this.users = Math.max(0, this.users - 1);
    if (this.users > 0 || !this.held) return;
    const held = this.held;
    this.held = undefined;
    await (await held).release();
  }

  private take(): Promise<{ release: () => Promise<void> }> {
    return new Promise((resolve, reject) => {
      let release!: () => void;
      const released = new Promise<void>((r) => {
        release = r;
      });
      const done = this.db
        .connection()
        .execute(async (connection) => {
          await sql`select pg_advisory_lock(${IMPORT_OWNER_LOCK_SPACE}::int, hashtext(${this.owner}::text) & 2147483647)`.execute(
            connection,
          );
          resolve({
            release: async () => {
              release();
              await done;
            },
          });
          await released;
          await sql`select pg_advisory_unlock(${IMPORT_OWNER_LOCK_SPACE}::int, hashtext(${this.owner}::text) & 2147483647)`.execute(
            connection,
          );
        })
        .catch((error: unknown) => reject(error));
    });
  }
}

/** What an interrupted import's `error` says. */
export const INTERRUPTED_MESSAGE =
  'The server stopped while this import was running (the process ended or lost its database connection). ' +
  'An all-or-nothing import wrote nothing; with valid rows only, the chunks finished before the stop are saved. ' +
  'Import the file again (with a key and duplicates "skip" to pass over rows already saved).';

/**
 * Marks every queued or running import whose owner process is gone (no one holds its lock, or
 * it has no owner) as `interrupted`, with INTERRUPTED_MESSAGE. Run by every server at start-up
 * and now and then, so a crashed process's imports do not stay `running` forever. Returns their ids.
 */
export async function interruptOrphanedImports(db: Kysely<any>, at: Date): Promise<string[]> {
  const result = await sql<{ id: string }>`
    update tessera.imports i set status = 'interrupted', error = ${INTERRUPTED_MESSAGE}, finished_at = ${at}
    where i.status in ('queued', 'running')
      and (i.owner is null or not exists (
        select 1 from pg_locks l where l.locktype = 'advisory' and l.granted
          and l.classid = ${IMPORT_OWNER_LOCK_SPACE}::int::oid and l.objsubid = 2
          and l.objid = (hashtext(i.owner) & 2147483647)::bigint::oid))
    returning i.id`.execute(db);
  return result.rows.map((r) => r.id);
}
