import { type Kysely, sql } from 'kysely';

/**
 * A minimal organisation model the flow engine resolves assignees from (the access-control
 * engine builds on it): departments (a tree, each with a manager), users' department and
 * optional direct manager, roles and their members.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('tessera');
  await s
    .createTable('departments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'uuid', (c) => c.references('tessera.departments.id').onDelete('set null'))
    .addColumn('manager_id', 'uuid', (c) => c.references('tessera.users.id').onDelete('set null'))
    .execute();
  await s
    .createTable('user_org')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('tessera.users.id').onDelete('cascade'))
    .addColumn('department_id', 'uuid', (c) => c.references('tessera.departments.id').onDelete('set null'))
    // A direct manager overrides the department's manager.
    .addColumn('manager_id', 'uuid', (c) => c.references('tessera.users.id').onDelete('set null'))
    .execute();
  await s.createIndex('user_org_department_idx').on('user_org').column('department_id').execute();
  await s
    .createTable('roles')
    .addColumn('key', 'text', (c) => c.primaryKey().check(sql`key ~ '^[a-z][a-z0-9_]{0,62}$'`))
    .addColumn('title', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  // Same shape as the rules engine's `role_members` (0300 creates it only if missing): roles are
  // keys of the pack's roles.json, so no foreign key to `roles` (which only holds titles).
  await s
    .createTable('role_members')
    .ifNotExists()
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('tessera.users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('role_members_pk', ['role', 'user_id'])
    .execute();
  await s.createIndex('role_members_user_idx').on('role_members').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('tessera');
  await s.dropTable('role_members').ifExists().execute();
  await s.dropTable('roles').execute();
  await s.dropTable('user_org').execute();
  await s.dropTable('departments').execute();
}
