import { type FormDefinition, isIndexableField } from '@tessera/schema';
import { objectName, shorten } from './physical-name';
import { SYSTEM_COLUMN_SPECS } from './system-columns';
import type { IndexModel } from './table-model';

/**
 * System columns a form index may name. `created_by` and `created_at` are indexed on every form
 * anyway (see {@link systemIndexes}); `updated_at` is not — it changes on every update, so an
 * index on it would cost every update its HOT path — but a form may ask for it.
 */
export const INDEXABLE_SYSTEM_COLUMNS: ReadonlySet<string> = new Set(
  Object.entries(SYSTEM_COLUMN_SPECS).flatMap(([name, spec]) => (spec.indexable ? [name] : [])),
);

/** `"-amount"` → `{ key: "amount", descending: true }`. */
export function parseIndexPart(part: string): { readonly key: string; readonly descending: boolean } {
  return part.startsWith('-') ? { key: part.slice(1), descending: true } : { key: part, descending: false };
}

/**
 * Indexes every form table gets: `created_by` (the "own records" row scope filters on it) and
 * `created_at` (newest-first lists, date ranges). Both are set once, at insert, so they cost
 * updates nothing.
 */
export function systemIndexes(table: string): IndexModel[] {
  return ['created_by', 'created_at'].map((column) => ({
    key: `$${column}/idx`,
    name: objectName(table, column, 'idx'),
    columns: [column],
    unique: false,
    partial: false,
  }));
}

/**
 * The form's composite `indexes` on its table. Keyed by field ids and directions, so a renamed
 * field only renames the index, and a new direction rebuilds it. Named after the columns
 * (`<table>__<col>__<col>__idx`, shortened past 63 characters); the validator refuses two indexes
 * on the same columns, so names do not collide. Entries the validator would refuse are skipped.
 */
export function compositeIndexes(table: string, form: FormDefinition): IndexModel[] {
  const byKey = new Map(form.fields.map((f) => [f.key, f]));
  return (form.indexes ?? []).flatMap((entry) => {
    const parts = entry.fields.map(parseIndexPart);
    const resolved = parts.map(({ key }) => {
      if (INDEXABLE_SYSTEM_COLUMNS.has(key)) return { column: key, keyPart: `$${key}` };
      const field = byKey.get(key);
      return field && isIndexableField(field) ? { column: field.key, keyPart: field.id } : null;
    });
    if (resolved.some((r) => r === null)) return [];
    const columns = resolved.map((r) => r!.column);
    return [
      {
        key: `$index/${resolved.map((r, i) => `${parts[i]!.descending ? '-' : ''}${r!.keyPart}`).join(',')}`,
        name: shorten(`${table}__${columns.join('__')}__idx`),
        columns,
        descending: parts.map((p) => p.descending),
        unique: false,
        partial: false,
      },
    ];
  });
}

/** `status, value DESC, name` — an index's columns as a plan shows them. */
export function describeIndexColumns(index: IndexModel): string {
  return index.columns
    .map((c) => (index.lower ? `lower(${c})` : c))
    .map((c, i) => (index.descending?.[i] ? `${c} DESC` : c))
    .join(', ');
}
