import type { Kysely } from 'kysely';
import type { SystemDatabase } from './system-database';

/**
 * A handle typed over the `tessera.*` system tables: `systemTables(db).selectFrom('tessera.imports')`
 * names columns the compiler checks against the migrated schema (system-database.ts). The same
 * connection or transaction, only its type changes.
 */
export function systemTables(db: Kysely<any>): Kysely<SystemDatabase> {
  return db as Kysely<SystemDatabase>;
}
