import type { ComputedResultType, FieldDefinition, LineItemFieldDefinition } from '@tessera/schema';
import { assertNever, type ColumnType } from './column-type';
import { currencyColumnName } from './physical-name';
import { literal } from './sql-literal';
import type { ColumnModel } from './table-model';

type AnyField = FieldDefinition | LineItemFieldDefinition;

/** Precision used when a number field gives a scale but no precision. */
export const DEFAULT_NUMERIC_PRECISION = 38;
/** Precision of money amounts. */
export const MONEY_PRECISION = 18;

/**
 * The columns of one field: none (line items live in a child table, lookups are read through
 * their link), one, or two (money: amount + currency).
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
  if (field.type !== 'money') return [value];
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
  switch (field.type) {
    case 'auto_number':
    case 'formula':
    case 'lookup':
    case 'line_items':
    case 'rollup':
      return false;
    default:
      return true;
  }
}

/** The type of the field's value column, or null when it has none. */
export function valueColumnType(field: AnyField): ColumnType | null {
  switch (field.type) {
    case 'text':
      return field.maxLength === undefined ? { kind: 'text' } : { kind: 'varchar', length: field.maxLength };
    case 'long_text':
    case 'rich_text':
    case 'email':
    case 'phone':
    case 'url':
    case 'auto_number':
    case 'single_select':
      return { kind: 'text' };
    case 'number':
    case 'percent':
      return numeric(field.precision, field.scale);
    case 'integer':
      return { kind: 'bigint' };
    case 'money':
      return { kind: 'numeric', precision: MONEY_PRECISION, scale: field.scale ?? 2 };
    case 'boolean':
      return { kind: 'boolean' };
    case 'date':
      return { kind: 'date' };
    case 'datetime':
      return { kind: 'timestamptz' };
    case 'multi_select':
      return { kind: 'text_array' };
    case 'user':
      return field.multiple === true ? { kind: 'uuid_array' } : { kind: 'uuid' };
    case 'department':
    case 'role':
      return field.multiple === true ? { kind: 'text_array' } : { kind: 'text' };
    case 'link':
      return { kind: 'uuid' };
    case 'attachment':
    case 'json':
      return { kind: 'jsonb' };
    case 'formula':
      return computedType(field.resultType, field.scale);
    case 'rollup':
      return computedType(
        field.resultType ?? (field.aggregate === 'count' ? 'integer' : 'number'),
        field.scale,
      );
    case 'line_items':
    case 'lookup':
      return null;
    default:
      return assertNever(field);
  }
}

function numeric(precision: number | undefined, scale: number | undefined): ColumnType {
  if (precision === undefined && scale === undefined) return { kind: 'numeric' };
  return { kind: 'numeric', precision: precision ?? DEFAULT_NUMERIC_PRECISION, scale: scale ?? 0 };
}

function computedType(resultType: ComputedResultType, scale: number | undefined): ColumnType {
  switch (resultType) {
    case 'text':
      return { kind: 'text' };
    case 'number':
      return numeric(undefined, scale);
    case 'integer':
      return { kind: 'bigint' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'date':
      return { kind: 'date' };
    case 'datetime':
      return { kind: 'timestamptz' };
    default:
      return assertNever(resultType);
  }
}
