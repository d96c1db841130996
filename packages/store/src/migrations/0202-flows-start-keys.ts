import { type Kysely, sql } from 'kysely';

/**
 * Flow instances get a start key: the event that started them (a rule action, a record event, a
 * parent flow's step, a job). It is unique, so a start retried after a crash — the same
 * `flow.start` job run twice — finds the first instance instead of making a second one. Flow
 * messages now go to tessera.notifications and the mail outbox, so flow_notifications goes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.withSchema('tessera').alterTable('flow_instances').addColumn('start_key', 'text').execute();
  await sql`create unique index flow_instances_start_key_unique on tessera.flow_instances (start_key)
            where start_key is not null`.execute(db);
  // The inbox pages through each box newest first (keyset on the time and the id).
  await sql`create index flow_cc_user_page_idx on tessera.flow_cc (user_id, created_at desc, id desc)`.execute(
    db,
  );
  await db.schema.withSchema('tessera').dropTable('flow_notifications').execute();
}

/** Drops the start key and the index (flow_notifications is not brought back: nothing writes it). */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index tessera.flow_cc_user_page_idx`.execute(db);
  await sql`drop index tessera.flow_instances_start_key_unique`.execute(db);
  await db.schema.withSchema('tessera').alterTable('flow_instances').dropColumn('start_key').execute();
}
