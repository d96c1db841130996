import { type Kysely, sql } from 'kysely';

/**
 * What template packs installed: one row per apply (name, version, content hash, the files and
 * their hashes, the manifest, when and by whom), and the app's roles with their permissions as
 * roles.json defines them (`tessera.roles` keeps the global key → title; access control reads the
 * grants from here until it owns them).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('tessera');
  await s
    .createTable('installed_packs')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('app_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('manifest', 'jsonb', (c) => c.notNull())
    // { "<relative path>": "<sha-256 of the file>" }
    .addColumn('files', 'jsonb', (c) => c.notNull())
    // The flows, rules, reports and dashboards as installed ({ "<path>": document }): what export writes.
    .addColumn('documents', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('applied_at', 'timestamptz', (c) => c.notNull())
    .addColumn('applied_by', 'uuid')
    .execute();
  await s.createIndex('installed_packs_app_idx').on('installed_packs').columns(['app_key', 'id']).execute();
  await s
    .createTable('app_roles')
    .addColumn('app_key', 'text', (c) => c.notNull())
    .addColumn('role_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('app_roles_pk', ['app_key', 'role_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('tessera');
  await s.dropTable('app_roles').execute();
  await s.dropTable('installed_packs').execute();
}
