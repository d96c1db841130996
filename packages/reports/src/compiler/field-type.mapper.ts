import {
  type Aggregation,
  type FieldDefinition,
  fieldAggregations,
  fieldColumn,
  fieldDisplay,
  fieldTypeSpec,
  fieldValueKind,
  type LineItemFieldDefinition,
} from '@tessera/schema';
import type { ValueType } from '../model/value-type';
import type { NameSource } from './result-column';

export type AnyField = FieldDefinition | LineItemFieldDefinition;

/**
 * How a report reads a field (its value kind from the field-type registry), or why it cannot be
 * read directly. Link and user columns are uuids, read as text (so they compare with text
 * parameters and group cleanly).
 */
export function fieldValueType(field: AnyField): ValueType | { readonly error: string } {
  const kind = fieldValueKind(field);
  if (kind !== null) return kind;
  if (field.type === 'lookup') {
    return {
      error: `"${field.key}" is a lookup: join its link "${field.link}" and read "<alias>.${field.field}"`,
    };
  }
  return { error: `"${field.key}" is a ${field.type} field: join it and read "<alias>.<item field>"` };
}

/** The aggregations the field's type allows (the registry's), for the measure compiler's check. */
export function fieldMeasures(field: AnyField): {
  readonly type: string;
  readonly allowed: readonly Aggregation[];
} {
  return { type: fieldTypeSpec(field).label.en.toLowerCase(), allowed: fieldAggregations(field) };
}

/** Whether the column is a uuid (read through `::text`). */
export function isUuidColumn(field: AnyField): boolean {
  return fieldColumn(field)?.kind === 'uuid';
}

/**
 * A single user or department field (text values): its values have display names. The
 * registry's display format tells which fields those are.
 */
export function nameSourceOf(field: AnyField): NameSource | undefined {
  if (fieldValueKind(field) !== 'text') return undefined;
  const format = fieldDisplay(field).format;
  return format === 'user' || format === 'department' ? format : undefined;
}
