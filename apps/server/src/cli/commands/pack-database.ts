import type { LoadedPack } from '@tessera/packs';
import { loadPack, PackInstallError } from '@tessera/packs';
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

/** Reads a pack folder or .zip file, or fails with a one-line message (and each refused zip entry). */
export async function readPackFolder(path: string): Promise<LoadedPack> {
  try {
    return await loadPack(path);
  } catch (error) {
    if (!(error instanceof PackInstallError)) throw error;
    const details = error.errors.map((e) => `\n  ${e.path}: ${e.message}`).join('');
    throw new CliError(`${error.message}${details}`);
  }
}
