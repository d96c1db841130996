import { stat } from 'node:fs/promises';
import type { LoadedPack } from '@tessera/packs';
import { loadPackFolder, PackInstallError } from '@tessera/packs';
import { migrateToLatest, openDatabase } from '@tessera/store';
import type { Kysely } from 'kysely';
import { CliError } from '../cli-error';
import { readConfig } from '../read-config';

/** Opens the configured database, brings it up to date, runs `fn`, closes it. */
export async function withPackDatabase<T>(fn: (db: Kysely<any>) => Promise<T>): Promise<T> {
  const config = readConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
  try {
    await migrateToLatest(database.db, database.connectionString);
    return await fn(database.db);
  } catch (error) {
    if (error instanceof PackInstallError) {
      const details = error.errors.map((e) => `\n  ${e.path}: ${e.message}`).join('');
      throw new CliError(`${error.message}${details}`);
    }
    throw error;
  } finally {
    await database.close();
  }
}

/** Reads a pack folder, or fails with a one-line message. */
export async function readPackFolder(dir: string): Promise<LoadedPack> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new CliError(`${dir} is not a folder`);
  return loadPackFolder(dir);
}
