import { type Kysely, sql } from 'kysely';

/** The system schema and the instance's key/value settings. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createSchema('tessera').ifNotExists().execute();
  await db.schema
    .withSchema('tessera')
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.withSchema('tessera').dropTable('settings').execute();
}
