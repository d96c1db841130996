import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { EmbeddedPostgres } from './embedded/embedded-postgres';
import { StoreError } from './errors';
import { pgTypes } from './pg-types';
import { usePreparedStatements } from './prepared/prepared-statements';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseOptions {
  /** A Postgres server; when absent the embedded PGlite in `dataDir` is used. */
  readonly url?: string | undefined;
  /** Folder of the embedded database (default `./data`). */
  readonly dataDir?: string | undefined;
  /** Pool size per process. */
  readonly poolSize?: number | undefined;
}

export interface Database {
  readonly kind: DatabaseKind;
  /** What every other client (the job queue, tools) connects to. */
  readonly connectionString: string;
  readonly db: Kysely<any>;
  readonly pool: pg.Pool;
  /**
   * The embedded database only: how long the statement running now has been running (ms), or
   * undefined when it is idle — it runs one statement at a time, so a probe waits behind it.
   */
  busyForMs?(): number | undefined;
  /**
   * Ends the pool and the embedded database. Waits for running statements at most `graceMs`
   * (default 10 s); the embedded one is then stopped (its data recovers at the next open).
   */
  close(options?: { readonly graceMs?: number }): Promise<void>;
}

/**
 * Opens the one access path to the database: kysely over a `pg` pool, to a Postgres server or to
 * the embedded PGlite's socket. Fails fast with a one-line StoreError when it cannot connect.
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  const kind: DatabaseKind = options.url ? 'postgres' : 'pglite';
  if (!options.url) {
    // loaded only for the embedded database: PGlite's code costs ~10 MB of memory on a server setup
    const { startEmbeddedPostgres } = await import('./embedded/embedded-postgres');
    embedded = await startEmbeddedPostgres(options.dataDir ?? './data');
  }
  const connectionString = options.url ?? embedded!.connectionString;
  const { db, pool } = openPool(connectionString, {
    poolSize: options.poolSize ?? 10,
    sharedBackend: kind === 'pglite',
  });
  const close = async ({ graceMs = 10_000 }: { readonly graceMs?: number } = {}) => {
    const deadline = Date.now() + graceMs;
    // pg's pool waits for checked-out clients: a running statement would hold the close
    await Promise.race([db.destroy(), delay(graceMs)]);
    await embedded?.stop(Math.max(0, deadline - Date.now()));
  };
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await close().catch(() => {});
    throw new StoreError(
      'DATABASE_UNREACHABLE',
      `cannot connect to the database at ${redact(connectionString)}: ${describe(error)}`,
      {
        cause: error,
      },
    );
  }
  return {
    kind,
    connectionString,
    db,
    pool,
    close,
    ...(embedded ? { busyForMs: () => embedded.busyForMs() } : {}),
  };
}

export interface PoolOptions {
  readonly poolSize?: number | undefined;
  /** How long a checkout waits for a new connection before it fails (default 10 s). */
  readonly connectionTimeoutMs?: number | undefined;
  /** Shown in `pg_stat_activity.application_name`, so a DBA can tell this pool's sessions apart. */
  readonly applicationName?: string | undefined;
  /**
   * Every connection reaches the same single backend session (the embedded PGlite's wire
   * server): prepared statements are named per connection (see usePreparedStatements).
   */
  readonly sharedBackend?: boolean | undefined;
}

/**
 * A kysely handle over a `pg` pool with the store's type parsers, connecting lazily: nothing is
 * checked here (`openDatabase` checks its own; a read replica may be down when a node starts).
 * `db.destroy()` ends the pool.
 */
export function openPool(
  connectionString: string,
  options: PoolOptions = {},
): { readonly db: Kysely<any>; readonly pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 10,
    types: pgTypes,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
  });
  // An idle client's network error must not crash the process; the next checkout reconnects.
  pool.on('error', () => {});
  usePreparedStatements(pool, { sharedBackend: options.sharedBackend === true });
  return { db: new Kysely<any>({ dialect: new PostgresDialect({ pool }) }), pool };
}

const delay = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/** Hides the password of a connection URL in messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid url>';
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) return error.message || (error as NodeJS.ErrnoException).code || error.name;
  return String(error);
}
