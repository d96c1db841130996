import type { Kysely } from 'kysely';

/**
 * Indexes behind the audit API (GET /api/audit), which reads the audit log together with the
 * record history: newest first over everything, by actor, and "what happened to record X".
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('tessera');
  await s.createIndex('record_history_at_idx').on('record_history').column('at').execute();
  await s
    .createIndex('record_history_record_id_idx')
    .on('record_history')
    .columns(['record_id', 'at'])
    .execute();
  await s.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('tessera');
  await s.dropIndex('audit_log_actor_idx').execute();
  await s.dropIndex('record_history_record_id_idx').execute();
  await s.dropIndex('record_history_at_idx').execute();
}
