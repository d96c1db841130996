import { type Kysely, sql } from 'kysely';

/**
 * The audit trail of records: one row per mutation, written in the same transaction as the change
 * (who, when, which operation, every changed field old → new, the record version it produced).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .withSchema('tessera')
    .createTable('record_history')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('form_id', 'uuid', (c) => c.notNull().references('tessera.forms.id').onDelete('cascade'))
    .addColumn('record_id', 'uuid', (c) => c.notNull())
    .addColumn('operation', 'text', (c) =>
      c.notNull().check(sql`operation in ('created', 'updated', 'deleted', 'restored')`),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('changes', 'jsonb', (c) => c.notNull())
    .addColumn('actor_id', 'uuid')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index record_history_record_idx on tessera.record_history (form_id, record_id, id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.withSchema('tessera').dropTable('record_history').execute();
}
