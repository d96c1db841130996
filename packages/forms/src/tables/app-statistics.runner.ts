import { type Kysely, sql } from 'kysely';
import { ident, qualified } from './identifier';
import { appSchemaName } from './physical-name';

/**
 * Refreshes the planner's statistics of every table of an app's schema (ANALYZE). Without them a
 * freshly written table looks almost empty to the planner, so the report cost check (EXPLAIN)
 * lets through a query that then runs for minutes. Postgres' autovacuum would catch up later;
 * the embedded PGlite has none. Table names come from the catalogue of the app's own schema and
 * pass the identifier check. Returns the tables analysed.
 */
export async function analyzeAppTables(db: Kysely<any>, app: string): Promise<readonly string[]> {
  const schema = appSchemaName(app);
  ident(schema);
  const tables = await sql<{ name: string }>`
    select tablename as name from pg_catalog.pg_tables where schemaname = ${schema} order by tablename`.execute(
    db,
  );
  const names = tables.rows.map((r) => r.name);
  if (names.length === 0) return names;
  await sql.raw(`analyze ${names.map((name) => qualified(schema, name)).join(', ')}`).execute(db);
  return names;
}
