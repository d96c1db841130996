import type { Kysely } from 'kysely';

/**
 * Auto-numbers that allow gaps (`gaps: "allowed"`) come from a Postgres sequence per form and
 * field (`nextval`, which never waits and never gives a number back); a period's numbers are the
 * sequence value minus the period's offset, one row per (form, field, period) here. The offset is
 * set at the period's first use so that numbers continue after any gap-free counter of that period.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .withSchema('tessera')
    .createTable('record_number_offsets')
    .addColumn('form_id', 'uuid', (c) => c.notNull().references('tessera.forms.id').onDelete('cascade'))
    .addColumn('field_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value_offset', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_number_offsets_pk', ['form_id', 'field_id', 'period'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.withSchema('tessera').dropTable('record_number_offsets').execute();
}
