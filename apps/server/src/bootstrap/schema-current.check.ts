import { systemMigrations } from '@tessera/store';
import { type Kysely, sql } from 'kysely';

/**
 * Whether every system migration is applied and the job queue's schema exists — one query, so a
 * restart of an up-to-date instance skips the migrator (its lock table, its bookkeeping and the
 * queue's own migration run cost about half a second). Any doubt (a missing table on a fresh
 * database, an unknown migration) answers false and the full, locked migration runs as before.
 */
export async function schemaIsCurrent(db: Kysely<any>): Promise<boolean> {
  const names = Object.keys(systemMigrations);
  try {
    const result = await sql<{ applied: number; queue: boolean }>`
      select (select count(*)::int from tessera.kysely_migration where name = any(${names}::text[])) as applied,
             to_regclass('graphile_worker.migrations') is not null as queue`.execute(db);
    const row = result.rows[0];
    return row !== undefined && row.applied === names.length && row.queue;
  } catch {
    return false;
  }
}
