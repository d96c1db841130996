import { type Kysely, type MigrationResultSet, Migrator } from 'kysely';
import { StoreError } from './errors';
import { systemMigrations } from './migrations';
import { migrateJobQueue } from './queue/job-queue';

export interface MigrationReport {
  /** Names of the system migrations applied by this call (empty when already up to date). */
  readonly applied: readonly string[];
}

/**
 * Brings the database to the latest schema: system tables, then the job queue's own schema.
 * Idempotent, and safe when several processes start at once (kysely's migration lock).
 */
export async function migrateToLatest(db: Kysely<any>, connectionString: string): Promise<MigrationReport> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...systemMigrations }) },
    migrationTableSchema: 'tessera',
    allowUnorderedMigrations: true,
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new StoreError('MIGRATION_FAILED', `migration ${failed} failed: ${reason}`, {
      cause: result.error,
    });
  }
  await migrateJobQueue(connectionString);
  return {
    applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
}
