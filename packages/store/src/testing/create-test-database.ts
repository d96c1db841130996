import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { type Database, type DatabaseOptions, openDatabase } from '../database';
import { adminQuery } from './global-setup';
import { TEST_DATABASE_KEY, withDatabaseName } from './test-database-info';

export interface TestDatabase extends Database {
  /** Where this database's embedded data folder lives (pglite only). */
  readonly dataDir?: string;
  /** Stops the database (as a process exit would) and opens the same data again. */
  restart(): Promise<TestDatabase>;
}

let counter = 0;

/**
 * A fresh, fully migrated database for one test file: a copy of the prepared PGlite template, or
 * a new database from the template on the server named by TESSERA_TEST_DATABASE_URL.
 * `close()` stops it and throws it away.
 */
export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const info = inject(TEST_DATABASE_KEY);
  if (info.kind === 'postgres') {
    const name = `tessera_t_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
    await adminQuery(info.adminUrl, `create database ${name} template ${info.templateName}`);
    const url = withDatabaseName(info.adminUrl, name);
    return open({ url, poolSize: options.poolSize }, () =>
      adminQuery(info.adminUrl, `drop database if exists ${name} with (force)`),
    );
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'tessera-test-db-'));
  await cp(join(info.templateDir, 'pglite'), join(dataDir, 'pglite'), { recursive: true });
  return open({ dataDir, poolSize: options.poolSize }, () => rm(dataDir, { recursive: true, force: true }));
}

async function open(options: DatabaseOptions, discard: () => Promise<void>): Promise<TestDatabase> {
  const database: Database = await openDatabase(options);
  return {
    ...database,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    async close() {
      await database.close();
      await discard();
    },
    async restart() {
      await database.close();
      return open(options, discard);
    },
  };
}
