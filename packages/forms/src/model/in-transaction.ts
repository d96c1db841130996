import type { Kysely, Transaction } from 'kysely';

/**
 * Runs `fn` in a transaction: a new one, or — when `db` already is a transaction (a caller such as
 * the pack installer applying many forms at once) — the caller's, so it commits or rolls back with
 * everything else the caller does.
 */
export function inTransaction<T>(db: Kysely<any>, fn: (trx: Kysely<any>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<any>);
  return db.transaction().execute(fn);
}
