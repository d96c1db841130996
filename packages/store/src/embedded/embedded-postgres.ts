import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock';
import { startPgliteWireServer } from './pglite-wire-server';

export interface EmbeddedPostgres {
  /** A `postgres://` URL every client (kysely's pg pool, the job queue, tools) connects to. */
  readonly connectionString: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite on a data folder behind a wire-protocol server on a private loopback port.
 * Every client speaks the wire protocol to it, exactly as to a Postgres server: PGlite is one
 * backend session, and only the wire server keeps each connection's queries and transactions
 * together (a second in-process driver would run its statements inside someone else's transaction).
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const unlock = lockDataDir(dataDir);
  try {
    const pgDir = join(dataDir, 'pglite');
    mkdirSync(pgDir, { recursive: true });
    const pglite = await PGlite.create(pgDir);
    const server = await startPgliteWireServer(pglite);
    return {
      connectionString: `postgres://postgres@127.0.0.1:${server.port}/postgres?sslmode=disable`,
      async stop() {
        await server.stop();
        await pglite.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
