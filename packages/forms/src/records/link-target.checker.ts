import { type Kysely, sql } from 'kysely';
import { qualified } from '../tables/identifier';
import { appSchemaName } from '../tables/physical-name';
import type { FormRuntime } from './form-runtime';
import { liveFields } from './record-field';
import type { RecordValues } from './record-value.mapper';
import type { FieldError } from './records.error';

/**
 * Links may only point at live records: the foreign key already refuses ids that do not exist,
 * this refuses soft-deleted targets too (`refers to a deleted record`). Checked for the link
 * values a write sets or changes; one indexed lookup per such link.
 */
export async function checkLinkTargets(
  trx: Kysely<any>,
  runtime: FormRuntime,
  values: RecordValues,
  current: RecordValues | null,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const field of liveFields(runtime.definition.fields)) {
    if (field.type !== 'link') continue;
    const id = values[field.key];
    if (typeof id !== 'string' || id === current?.[field.key]) continue;
    const target = sql.raw(qualified(appSchemaName(runtime.appKey), field.form));
    const r = await sql<{ deleted: boolean }>`select deleted_at is not null as deleted from ${target}
      where id = ${id}::uuid`.execute(trx);
    const row = r.rows[0];
    if (!row) errors.push({ path: field.key, message: 'refers to a record that does not exist' });
    else if (row.deleted) errors.push({ path: field.key, message: 'refers to a deleted record' });
  }
  return errors;
}
