import type { FieldDefinition, LineItemFieldDefinition } from '@tessera/schema';
import { assertNever, type ValueType } from '../model/value-type';

export type AnyField = FieldDefinition | LineItemFieldDefinition;

/**
 * How a report reads a field: its value type, or why it cannot be read directly. Link and user
 * columns are uuids, read as text (so they compare with text parameters and group cleanly).
 */
export function fieldValueType(field: AnyField): ValueType | { readonly error: string } {
  switch (field.type) {
    case 'text':
    case 'long_text':
    case 'rich_text':
    case 'email':
    case 'phone':
    case 'url':
    case 'auto_number':
    case 'single_select':
    case 'link':
      return 'text';
    case 'department':
    case 'role':
    case 'user':
      return field.multiple === true ? 'array' : 'text';
    case 'multi_select':
      return 'array';
    case 'number':
    case 'percent':
    case 'money':
      return 'decimal';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'attachment':
    case 'json':
      return 'json';
    case 'formula':
      return computed(field.resultType);
    case 'rollup':
      return computed(field.resultType ?? (field.aggregate === 'count' ? 'integer' : 'number'));
    case 'lookup':
      return {
        error: `"${field.key}" is a lookup: join its link "${field.link}" and read "<alias>.${field.field}"`,
      };
    case 'line_items':
      return { error: `"${field.key}" is a line-items field: join it and read "<alias>.<item field>"` };
    default:
      return assertNever(field);
  }
}

function computed(resultType: 'text' | 'number' | 'integer' | 'boolean' | 'date' | 'datetime'): ValueType {
  return resultType === 'number' ? 'decimal' : resultType;
}

/** Whether the column is a uuid (read through `::text`). */
export function isUuidColumn(field: AnyField): boolean {
  return field.type === 'link' || (field.type === 'user' && field.multiple !== true);
}
