import { migrateToLatest, openDatabase } from '@tessera/store';
import { readConfig } from '../read-config';

export async function migrateCommand(): Promise<void> {
  const config = readConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
  try {
    const { applied } = await migrateToLatest(database.db, database.connectionString);
    process.stdout.write(
      applied.length === 0
        ? 'database is up to date\n'
        : `applied ${applied.length} migration(s): ${applied.join(', ')}\n`,
    );
  } finally {
    await database.close();
  }
}
