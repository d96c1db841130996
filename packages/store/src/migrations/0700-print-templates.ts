import { type Kysely, sql } from 'kysely';

/**
 * Print templates: one row per (app, key) holding the current definition (the form it prints is
 * in the definition and in `form_key`, for listing a form's templates) and a version that grows
 * by one on every save; and the images templates place (logos, stamps), by file name per app.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('tessera');
  await s
    .createTable('print_templates')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('app_id', 'uuid', (c) => c.notNull().references('tessera.apps.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull().check(sql`key ~ '^[a-z][a-z0-9_]{0,62}$'`))
    .addColumn('form_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1).check(sql`version > 0`))
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'uuid')
    .addUniqueConstraint('print_templates_app_key_unique', ['app_id', 'key'])
    .execute();
  await s
    .createIndex('print_templates_form_idx')
    .on('print_templates')
    .columns(['app_id', 'form_key'])
    .execute();
  await s
    .createTable('print_assets')
    .addColumn('app_id', 'uuid', (c) => c.notNull().references('tessera.apps.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) =>
      c.notNull().check(sql`content_type in ('image/png', 'image/jpeg')`),
    )
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('print_assets_pkey', ['app_id', 'name'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.withSchema('tessera').dropTable('print_assets').ifExists().execute();
  await db.schema.withSchema('tessera').dropTable('print_templates').ifExists().execute();
}
