import { Type } from '@sinclair/typebox';
import type { ColumnType } from './column-type';
import type { JsonSchema } from './field-type.spec';

/** `multiple` of user, department and role fields. */
export const multipleProperty = Type.Optional(
  Type.Boolean({ description: 'Several values (an array column). Default: one value.' }),
);

/** A department or role key: `text`, or `text[]` when multiple. */
export function keyColumn(multiple: boolean | undefined): ColumnType {
  return multiple === true ? { kind: 'text_array' } : { kind: 'text' };
}

export function keyValue(multiple: boolean | undefined): JsonSchema {
  return multiple === true
    ? { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true }
    : { type: 'string', minLength: 1 };
}
