import { type AnyField, liveFields } from '@tessera/logic/browser';
import type { FormDefinition } from '@tessera/schema';
import { FIELD_UI } from '../../../fields/field-ui.registry';

/** The columns a user sees in a list: which fields, in which order, how wide. */
export interface ColumnSetting {
  readonly key: string;
  readonly width: number;
}

const NOT_LISTED = new Set<AnyField['type']>(['line_items', 'json', 'rich_text', 'long_text']);

export function listableFields(definition: FormDefinition): AnyField[] {
  return liveFields(definition.fields).filter((f) => !NOT_LISTED.has(f.type));
}

/**
 * Default columns: the title field first, then the fields in the order the form shows them (its
 * layout, then the fields no section places), up to eight — so a quote list shows its status and
 * total, which the form's first sections hold, rather than whatever the definition lists first.
 */
export function defaultColumns(definition: FormDefinition): ColumnSetting[] {
  const fields = listableFields(definition);
  const title = fields.find((f) => f.id === definition.titleField);
  const shown = new Map<string, number>();
  for (const section of definition.layout?.sections ?? [])
    for (const row of section.rows)
      for (const cell of row.fields) if (!shown.has(cell.field)) shown.set(cell.field, shown.size);
  const place = (f: AnyField) => shown.get(f.id) ?? shown.size + fields.indexOf(f);
  const rest = fields.filter((f) => f !== title).sort((a, b) => place(a) - place(b));
  const ordered = title ? [title, ...rest] : rest;
  return ordered.slice(0, 8).map((f) => ({ key: f.key, width: FIELD_UI[f.type].width ?? 140 }));
}

/** Settings saved earlier, minus fields that no longer exist. */
export function validColumns(
  definition: FormDefinition,
  saved: readonly ColumnSetting[] | undefined,
): ColumnSetting[] {
  const keys = new Set(listableFields(definition).map((f) => f.key));
  const kept = (saved ?? []).filter((c) => keys.has(c.key));
  return kept.length ? kept : defaultColumns(definition);
}

/** Link fields among the columns: the list asks the API to expand them (their titles, not ids). */
export function expandedLinks(definition: FormDefinition, columns: readonly ColumnSetting[]): string[] {
  const shown = new Set(columns.map((c) => c.key));
  return liveFields(definition.fields)
    .filter((f) => f.type === 'link' && shown.has(f.key))
    .map((f) => f.key);
}
