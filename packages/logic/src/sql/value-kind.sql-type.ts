import type { ValueKind } from '@tessera/schema';
import type { SqlValueType } from './sql-operand';

/** The SQL operand type of a field's value kind (from the field-type registry). */
export const SQL_TYPE_OF_KIND: Readonly<Record<ValueKind, SqlValueType>> = {
  text: 'text',
  decimal: 'number',
  integer: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  array: 'array',
  json: 'json',
};
