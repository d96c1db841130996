import { type Kysely, sql } from 'kysely';

/**
 * The rule engine: rules and their versions, the idempotency rows of firings (one per rule,
 * record and occurrence), the action outbox with retries and its dead letters, the run log,
 * in-app notifications / to-dos, the mail outbox, and role membership for "role" recipients.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('tessera');
  await s
    .createTable('rules')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('app_key', 'text', (c) => c.notNull().references('tessera.apps.key').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull().check(sql`key ~ '^[a-z][a-z0-9_]{0,62}$'`))
    .addColumn('published_version', 'integer')
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    // Schedules: the last cron occurrence that was handled (catch-up starts after it).
    .addColumn('schedule_cursor', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('rules_app_key_unique', ['app_key', 'key'])
    .execute();

  await s
    .createTable('rule_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('rule_id', 'uuid', (c) => c.notNull().references('tessera.rules.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'published', 'superseded')`),
    )
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    .addColumn('published_by', 'uuid')
    .addUniqueConstraint('rule_versions_rule_version_unique', ['rule_id', 'version'])
    .execute();
  await sql`create unique index rule_versions_one_draft on tessera.rule_versions (rule_id) where status = 'draft'`.execute(
    db,
  );
  await sql`create unique index rule_versions_one_published on tessera.rule_versions (rule_id) where status = 'published'`.execute(
    db,
  );

  // Exactly once: the unique key (rule, record, occurrence) is the idempotency row, written in
  // the same transaction as the actions it enqueues. record_id is '' for record-less schedules.
  await s
    .createTable('rule_firings')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('rule_id', 'uuid', (c) => c.notNull().references('tessera.rules.id').onDelete('cascade'))
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('occurrence', 'text', (c) => c.notNull())
    .addColumn('context', 'jsonb', (c) => c.notNull())
    .addColumn('fired_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('rule_firings_once', ['rule_id', 'record_id', 'occurrence'])
    .execute();

  // The action outbox: one row per action of a firing; retried with backoff, then dead.
  await s
    .createTable('rule_actions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('firing_id', 'bigint', (c) =>
      c.notNull().references('tessera.rule_firings.id').onDelete('cascade'),
    )
    .addColumn('action_index', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'done', 'dead')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    // A runner claims an action until this instant, so two runners never send it at once.
    .addColumn('locked_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz')
    .addUniqueConstraint('rule_actions_firing_index_unique', ['firing_id', 'action_index'])
    .execute();
  await sql`create index rule_actions_due_idx on tessera.rule_actions (next_attempt_at) where status = 'pending'`.execute(
    db,
  );
  await sql`create index rule_actions_dead_idx on tessera.rule_actions (created_at) where status = 'dead'`.execute(
    db,
  );

  // The run log: fired / skipped / failed and why, per rule.
  await s
    .createTable('rule_runs')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('rule_id', 'uuid', (c) => c.notNull().references('tessera.rules.id').onDelete('cascade'))
    .addColumn('record_id', 'text')
    .addColumn('occurrence', 'text')
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome in ('fired', 'skipped', 'failed', 'dead', 'done')`),
    )
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await s.createIndex('rule_runs_rule_idx').on('rule_runs').columns(['rule_id', 'id']).execute();

  await s
    .createTable('notifications')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('tessera.users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('todo', 'info')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('app_key', 'text')
    .addColumn('form_key', 'text')
    .addColumn('record_id', 'text')
    .addColumn('rule_action_id', 'bigint')
    .addColumn('due_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz')
    .execute();
  await s
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'done_at', 'id'])
    .execute();

  await s
    .createTable('mail_outbox')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('to_name', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // held: no SMTP configured (read it through the API); queued → sent, or dead after retries.
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('held', 'queued', 'sent', 'dead')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('rule_action_id', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await s.createIndex('mail_outbox_created_idx').on('mail_outbox').column('id').execute();

  // Role membership for "role" recipients: 0200-flows-org-model creates the same table first;
  // kept here (if missing) so the rule engine does not depend on the flow engine's migration.
  await s
    .createTable('role_members')
    .ifNotExists()
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('tessera.users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('role_members_pk', ['role', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('tessera');
  for (const table of [
    'mail_outbox',
    'notifications',
    'rule_runs',
    'rule_actions',
    'rule_firings',
    'rule_versions',
    'rules',
  ]) {
    await s.dropTable(table).execute();
  }
}
