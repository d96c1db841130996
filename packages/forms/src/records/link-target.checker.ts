import { type Kysely, sql } from 'kysely';
import { qualified } from '../tables/identifier';
import { appSchemaName } from '../tables/physical-name';
import type { FormRuntime } from './form-runtime';
import { liveFields } from './record-field';
import type { RecordValues } from './record-value.mapper';
import type { FieldError } from './records.error';

/** One write's link values: what it would store, and what is stored (update) or null (create). */
export interface LinkCheckItem {
  readonly values: RecordValues;
  readonly current: RecordValues | null;
}

/**
 * Links may only point at live records: the foreign key already refuses ids that do not exist,
 * this refuses soft-deleted targets too (`refers to a deleted record`). Checked for the link
 * values a write sets or changes — for a whole batch with ONE indexed lookup per link field
 * (`id = any(…)`), none when no link value changes. Returns the errors by item index.
 */
export async function checkLinkTargets(
  db: Kysely<any>,
  runtime: FormRuntime,
  items: readonly LinkCheckItem[],
): Promise<Map<number, FieldError[]>> {
  const errors = new Map<number, FieldError[]>();
  for (const field of liveFields(runtime.definition.fields)) {
    if (field.type !== 'link') continue;
    const wanted = new Set<string>();
    for (const { values, current } of items) {
      const id = values[field.key];
      if (typeof id === 'string' && id !== current?.[field.key]) wanted.add(id);
    }
    if (wanted.size === 0) continue;
    const target = sql.raw(qualified(appSchemaName(runtime.appKey), field.form));
    const r = await sql<{ id: string; deleted: boolean }>`select id, deleted_at is not null as deleted
      from ${target} where id = any(${[...wanted]}::uuid[])`.execute(db);
    const found = new Map(r.rows.map((row) => [String(row.id), row.deleted]));
    items.forEach(({ values, current }, index) => {
      const id = values[field.key];
      if (typeof id !== 'string' || id === current?.[field.key]) return;
      const deleted = found.get(id.toLowerCase());
      if (deleted === false) return;
      const message =
        deleted === undefined ? 'refers to a record that does not exist' : 'refers to a deleted record';
      errors.set(index, [...(errors.get(index) ?? []), { path: field.key, message }]);
    });
  }
  return errors;
}
