import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lockDataDir } from './data-dir-lock';

export interface EmbeddedPostgres {
  /** A `postgres://` URL every client (kysely's pg pool, the job queue, tools) connects to. */
  readonly connectionString: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite on a data folder behind its socket server on a private loopback port.
 * Every client speaks the wire protocol to it, exactly as to a Postgres server: PGlite is one
 * backend session, and only the socket server keeps each connection's transaction together
 * (a second in-process driver would run its statements inside someone else's transaction).
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const unlock = lockDataDir(dataDir);
  try {
    const pgDir = join(dataDir, 'pglite');
    mkdirSync(pgDir, { recursive: true });
    const pglite = await PGlite.create(pgDir);
    const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 256 });
    await server.start();
    const [, port] = server.getServerConn().split(':');
    return {
      connectionString: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
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
