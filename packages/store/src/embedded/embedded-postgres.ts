import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock';
import { startPgliteWireServer } from './pglite-wire-server';
import { startPgliteWorker } from './pglite-worker.host';

export interface EmbeddedPostgres {
  /** A `postgres://` URL every client (kysely's pg pool, the job queue, tools) connects to. */
  readonly connectionString: string;
  /** How long the statement running now has been running (ms); undefined when idle. */
  busyForMs(): number | undefined;
  /** Closes the database; a statement still running after `graceMs` is ended (the data recovers). */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts PGlite (in a worker thread) on a data folder behind a wire-protocol server on a private loopback port.
 * Every client speaks the wire protocol to it, exactly as to a Postgres server: PGlite is one
 * backend session, and only the wire server keeps each connection's queries and transactions
 * together (a second in-process driver would run its statements inside someone else's transaction).
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const unlock = lockDataDir(dataDir);
  try {
    const pgDir = join(dataDir, 'pglite');
    mkdirSync(pgDir, { recursive: true });
    const pglite = await startPgliteWorker(pgDir);
    const server = await startPgliteWireServer(pglite);
    return {
      connectionString: `postgres://postgres@127.0.0.1:${server.port}/postgres?sslmode=disable`,
      busyForMs: () => server.busyForMs(),
      async stop(graceMs) {
        await server.stop();
        await pglite.close(graceMs);
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
