import { type Kysely, sql } from 'kysely';

/**
 * Saved list views: a named set of list settings (filter, sort, columns and widths, search) of
 * one form, owned by the user who saved it — private to them, or shared with everyone who may
 * read the form. `settings` is validated by the API before it is written; `version` grows by one
 * on every change (optimistic locking).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('tessera');
  await s
    .createTable('saved_views')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('app_id', 'uuid', (c) => c.notNull().references('tessera.apps.id').onDelete('cascade'))
    .addColumn('form_key', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('tessera.users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) between 1 and 80`))
    .addColumn('shared', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('settings', 'jsonb', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1).check(sql`version > 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('saved_views_owner_name_unique', ['app_id', 'form_key', 'owner_id', 'name'])
    .execute();
  await s
    .createIndex('saved_views_form_idx')
    .on('saved_views')
    .columns(['app_id', 'form_key', 'shared'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.withSchema('tessera').dropTable('saved_views').ifExists().execute();
}
