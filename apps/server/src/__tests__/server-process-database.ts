import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase } from '@tessera/store';
import { createTestDatabase } from '@tessera/store/testing';
import { inject } from 'vitest';

/** The database under test, openable by this process between the server processes' lives. */
export interface ServerProcessDatabase {
  /** The environment that points `tessera start` at it. */
  readonly env: Record<string, string>;
  open(): Promise<Database>;
  discard(): Promise<void>;
}

/**
 * A fresh database for server child processes: on a Postgres server a new test database; on
 * PGlite a copy of the prepared template in a temporary folder that outlives this process's
 * handle on it (`prefix` names the folder, which holds the server's files on both).
 */
export async function prepareServerProcessDatabase(prefix: string): Promise<ServerProcessDatabase> {
  const info = inject('tesseraTestDatabase');
  // a data folder of its own on either database: it also holds the server's files (the pack's
  // print images, uploads), which must not land in the working directory's ./data
  const dataDir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  if (info.kind === 'postgres') {
    const test = await createTestDatabase({ poolSize: 2 });
    const url = test.connectionString;
    return {
      env: { DATABASE_URL: url, DATA_DIR: dataDir },
      open: () => openDatabase({ url, poolSize: 2 }),
      discard: async () => {
        await test.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  await cp(join(info.templateDir, 'pglite'), join(dataDir, 'pglite'), { recursive: true });
  return {
    env: { DATA_DIR: dataDir },
    open: () => openDatabase({ dataDir, poolSize: 2 }),
    discard: () => rm(dataDir, { recursive: true, force: true }),
  };
}
