import { type Kysely, sql } from 'kysely';

/**
 * Auto-number counters: one row per (form, field, period). A record write advances its counter
 * with `INSERT … ON CONFLICT DO UPDATE … RETURNING` in the record's own transaction, so two
 * concurrent writers get different numbers and a rolled-back write gives its number back.
 * `period` is '' for a never-resetting sequence, else the period it counts in ('2026', '2026-03', …).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .withSchema('tessera')
    .createTable('record_sequences')
    .addColumn('form_id', 'uuid', (c) => c.notNull().references('tessera.forms.id').onDelete('cascade'))
    .addColumn('field_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull().check(sql`value > 0`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('record_sequences_pk', ['form_id', 'field_id', 'period'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.withSchema('tessera').dropTable('record_sequences').execute();
}
