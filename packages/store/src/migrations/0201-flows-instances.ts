import { type Kysely, sql } from 'kysely';

/**
 * Flow definitions (a draft, and immutable published versions), instances pinned to a version,
 * and their tokens, tasks, CC copies, timers, notifications and timeline as rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('tessera');
  const now = sql`now()`;
  await s
    .createTable('flow_definitions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('app_key', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('form_key', 'text', (c) => c.notNull())
    .addColumn('draft', 'jsonb')
    .addColumn('published_version', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('flow_definitions_app_key_unique', ['app_key', 'key'])
    .execute();
  await s
    .createTable('flow_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('flow_id', 'uuid', (c) =>
      c.notNull().references('tessera.flow_definitions.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addColumn('published_by', 'uuid')
    .addUniqueConstraint('flow_versions_flow_version_unique', ['flow_id', 'version'])
    .execute();
  await s
    .createTable('flow_instances')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('flow_version_id', 'uuid', (c) => c.notNull().references('tessera.flow_versions.id'))
    .addColumn('app_key', 'text', (c) => c.notNull())
    .addColumn('flow_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('form_key', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text')
    .addColumn('initiator_id', 'uuid')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('running', 'completed', 'withdrawn', 'failed')`),
    )
    .addColumn('outcome', 'text')
    .addColumn('state', 'jsonb', (c) => c.notNull())
    .addColumn('steps', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .execute();
  await s
    .createIndex('flow_instances_record_idx')
    .on('flow_instances')
    .columns(['app_key', 'form_key', 'record_id'])
    .execute();
  await s
    .createIndex('flow_instances_initiator_idx')
    .on('flow_instances')
    .columns(['initiator_id', 'started_at'])
    .execute();
  await s
    .createTable('flow_tokens')
    .addColumn('instance_id', 'uuid', (c) =>
      c.notNull().references('tessera.flow_instances.id').onDelete('cascade'),
    )
    .addColumn('token_key', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('waits_for', 'text')
    .addPrimaryKeyConstraint('flow_tokens_pk', ['instance_id', 'token_key'])
    .execute();
  await s
    .createTable('flow_tasks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('instance_id', 'uuid', (c) =>
      c.notNull().references('tessera.flow_instances.id').onDelete('cascade'),
    )
    .addColumn('task_key', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('completed_by', 'uuid')
    .addColumn('comment', 'text')
    .addUniqueConstraint('flow_tasks_instance_key_unique', ['instance_id', 'task_key'])
    .execute();
  await s
    .createIndex('flow_tasks_assignee_idx')
    .on('flow_tasks')
    .columns(['assignee_id', 'status', 'created_at'])
    .execute();
  await s
    .createTable('flow_cc')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('instance_id', 'uuid', (c) =>
      c.notNull().references('tessera.flow_instances.id').onDelete('cascade'),
    )
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('by_user_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz')
    .execute();
  await s.createIndex('flow_cc_user_idx').on('flow_cc').columns(['user_id', 'created_at']).execute();
  await s
    .createTable('flow_timers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('instance_id', 'uuid', (c) =>
      c.notNull().references('tessera.flow_instances.id').onDelete('cascade'),
    )
    .addColumn('timer_key', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('run_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('scheduled', 'fired', 'cancelled')`))
    .addUniqueConstraint('flow_timers_instance_key_unique', ['instance_id', 'timer_key'])
    .execute();
  await sql`create index flow_timers_due_idx on tessera.flow_timers (run_at) where status = 'scheduled'`.execute(
    db,
  );
  await s
    .createTable('flow_notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('instance_id', 'uuid', (c) =>
      c.notNull().references('tessera.flow_instances.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'uuid')
    .addColumn('address', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('subject', 'jsonb')
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz')
    .execute();
  await s
    .createIndex('flow_notifications_user_idx')
    .on('flow_notifications')
    .columns(['user_id', 'created_at'])
    .execute();
  await s
    .createTable('flow_history')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('instance_id', 'uuid', (c) =>
      c.notNull().references('tessera.flow_instances.id').onDelete('cascade'),
    )
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text')
    .addColumn('task_key', 'text')
    .addColumn('actor_id', 'uuid')
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await s
    .createIndex('flow_history_instance_idx')
    .on('flow_history')
    .columns(['instance_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('tessera');
  for (const table of [
    'flow_history',
    'flow_notifications',
    'flow_timers',
    'flow_cc',
    'flow_tasks',
    'flow_tokens',
    'flow_instances',
    'flow_versions',
    'flow_definitions',
  ]) {
    await s.dropTable(table).execute();
  }
}
