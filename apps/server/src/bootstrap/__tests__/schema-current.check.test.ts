import { migrateToLatest } from '@tessera/store';
import { createTestDatabase, type TestDatabase } from '@tessera/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaIsCurrent } from '../schema-current.check';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('the start-up schema check', () => {
  it('lets a restart skip the migrator only when every migration is applied', async () => {
    expect(await schemaIsCurrent(database.db)).toBe(true);
    // a migration the database has not seen (a newer release): the full migrator must run
    await sql`delete from tessera.kysely_migration where name = '0550-access-audit-indexes'`.execute(
      database.db,
    );
    await sql`drop index tessera.audit_log_actor_idx`.execute(database.db);
    await sql`drop index tessera.record_history_record_id_idx`.execute(database.db);
    await sql`drop index tessera.record_history_at_idx`.execute(database.db);
    expect(await schemaIsCurrent(database.db)).toBe(false);
    const report = await migrateToLatest(database.db, database.connectionString);
    expect(report.applied).toEqual(['0550-access-audit-indexes']);
    expect(await schemaIsCurrent(database.db)).toBe(true);
  });

  it('answers false, not an error, on a database that was never migrated', async () => {
    await sql`alter table tessera.kysely_migration rename to kysely_migration_moved`.execute(database.db);
    try {
      expect(await schemaIsCurrent(database.db)).toBe(false);
    } finally {
      await sql`alter table tessera.kysely_migration_moved rename to kysely_migration`.execute(database.db);
    }
  });
});
