import { fieldColumn, hasCurrencyColumn, isComputedField } from '@tessera/schema';
import type { AnyField } from '../records/record-field';
import type { ColumnType } from './column-type';
import { currencyColumnName } from './physical-name';
import { literal } from './sql-literal';
import type { ColumnModel } from './table-model';

/**
 * The columns of one field, from the field-type registry: none (line items live in a child
 * table, lookups are read through their link), one, or two (money: amount + currency).
 */
export function fieldColumns(field: AnyField): readonly ColumnModel[] {
  const type = valueColumnType(field);
  if (type === null) return [];
  const deleted = field.deleted === true;
  const value: ColumnModel = {
    key: `${field.id}/value`,
    name: field.key,
    type,
    notNull: isNotNull(field),
    fieldId: field.id,
    role: 'value',
    deleted,
  };
  if (!hasCurrencyColumn(field) || !('currency' in field) || field.currency === undefined) return [value];
  return [
    value,
    {
      key: `${field.id}/currency`,
      name: currencyColumnName(field.key),
      type: { kind: 'text' },
      notNull: false,
      defaultSql: literal(field.currency),
      fieldId: field.id,
      role: 'currency',
      deleted,
    },
  ];
}

/**
 * NOT NULL only where it is safe and always true: a required field without conditions that users
 * fill in themselves. Conditional, hidden, deleted and computed fields stay nullable; `required`
 * is enforced by record validation in every case.
 */
export function isNotNull(field: AnyField): boolean {
  if (field.required !== true || field.requiredWhen || field.visibleWhen) return false;
  if (field.hidden === true || field.deleted === true) return false;
  return !isComputedField(field) && field.type !== 'line_items';
}

/** The type of the field's value column, or null when it has none. */
export function valueColumnType(field: AnyField): ColumnType | null {
  return fieldColumn(field);
}
