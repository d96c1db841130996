import { type Kysely, sql } from 'kysely';

/**
 * Forms metadata: apps, forms, form versions (draft → published → superseded, with the
 * definition and the plan that was applied) and the physical columns each field owns.
 * The tables of the forms themselves live in one schema per app (`app_<key>`), created on publish.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('tessera');
  await s
    .createTable('apps')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('key', 'text', (c) => c.notNull().unique().check(sql`key ~ '^[a-z][a-z0-9_]{0,58}$'`))
    .addColumn('title', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .execute();

  await s
    .createTable('forms')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('app_id', 'uuid', (c) => c.notNull().references('tessera.apps.id').onDelete('restrict'))
    .addColumn('key', 'text', (c) => c.notNull().check(sql`key ~ '^[a-z][a-z0-9_]{0,62}$'`))
    .addColumn('published_version', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .addUniqueConstraint('forms_app_key_unique', ['app_id', 'key'])
    .execute();

  await s
    .createTable('form_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('form_id', 'uuid', (c) => c.notNull().references('tessera.forms.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'published', 'superseded')`),
    )
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    // The plan applied when this version was published (actions as the admin saw them).
    .addColumn('plan', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    .addColumn('published_by', 'uuid')
    .addUniqueConstraint('form_versions_form_version_unique', ['form_id', 'version'])
    .execute();
  // At most one draft and one published version per form.
  await sql`create unique index form_versions_one_draft on tessera.form_versions (form_id) where status = 'draft'`.execute(
    db,
  );
  await sql`create unique index form_versions_one_published on tessera.form_versions (form_id) where status = 'published'`.execute(
    db,
  );

  // Bookkeeping: which field owns which physical column, rewritten on every publish and purge.
  await s
    .createTable('form_columns')
    .addColumn('form_id', 'uuid', (c) => c.notNull().references('tessera.forms.id').onDelete('cascade'))
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('column_name', 'text', (c) => c.notNull())
    .addColumn('field_id', 'text')
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('system', 'value', 'currency')`))
    .addColumn('sql_type', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('active', 'deleted')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('form_columns_pk', ['form_id', 'table_name', 'column_name'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('tessera');
  await s.dropTable('form_columns').execute();
  await s.dropTable('form_versions').execute();
  await s.dropTable('forms').execute();
  await s.dropTable('apps').execute();
}
