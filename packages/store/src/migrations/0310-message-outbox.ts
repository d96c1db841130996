import { type Kysely, sql } from 'kysely';

/**
 * The message outbox: IM robot and SMS messages of rules and flows, written in the transaction
 * that decided them and sent by the `message.send` job (retries with backoff, then `dead`).
 * `messenger` snapshots the app's pack.json entry (vendor and environment variable names only —
 * never a secret); `message` is the rendered message (title, text, mentions, phones…).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('tessera');
  await s
    .createTable('message_outbox')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('app_key', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('im', 'sms')`))
    .addColumn('messenger_key', 'text', (c) => c.notNull())
    .addColumn('messenger', 'jsonb', (c) => c.notNull())
    .addColumn('message', 'jsonb', (c) => c.notNull())
    // queued → sent, or dead after retries; held: the messenger's webhook/key variable is unset.
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('held', 'queued', 'sent', 'dead')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('rule_action_id', 'bigint')
    .addColumn('flow_instance_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await s.createIndex('message_outbox_status_idx').on('message_outbox').columns(['status', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.withSchema('tessera').dropTable('message_outbox').execute();
}
