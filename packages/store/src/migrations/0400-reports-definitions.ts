import { type Kysely, sql } from 'kysely';

/**
 * Report engine: saved reports (a query model + default chart) and dashboards (widgets on a
 * grid with shared filters), one row per (app, key) holding the current definition and a
 * version that grows by one on every save (optimistic locking for the designer).
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['reports', 'dashboards']) {
    await db.schema
      .withSchema('tessera')
      .createTable(table)
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('app_id', 'uuid', (c) => c.notNull().references('tessera.apps.id').onDelete('cascade'))
      .addColumn('key', 'text', (c) => c.notNull().check(sql`key ~ '^[a-z][a-z0-9_]{0,62}$'`))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1).check(sql`version > 0`))
      .addColumn('definition', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('created_by', 'uuid')
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_by', 'uuid')
      .addUniqueConstraint(`${table}_app_key_unique`, ['app_id', 'key'])
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.withSchema('tessera').dropTable('dashboards').ifExists().execute();
  await db.schema.withSchema('tessera').dropTable('reports').ifExists().execute();
}
