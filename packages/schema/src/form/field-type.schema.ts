import { StringEnum } from '../common/index';

/**
 * Every field type a form can use. The value is the `type` discriminator of a field definition;
 * packages/forms maps each one to Postgres columns (see packages/forms/README.md).
 */
export const FIELD_TYPES = [
  'text',
  'long_text',
  'rich_text',
  'number',
  'integer',
  'money',
  'percent',
  'boolean',
  'date',
  'datetime',
  'single_select',
  'multi_select',
  'user',
  'department',
  'role',
  'link',
  'line_items',
  'auto_number',
  'formula',
  'rollup',
  'lookup',
  'email',
  'phone',
  'url',
  'attachment',
  'json',
] as const;

/** A field type name, e.g. `"money"`. */
export type FieldType = (typeof FIELD_TYPES)[number];

/** The JSON Schema of a field type name. */
export const FieldTypeSchema = StringEnum(FIELD_TYPES, { description: 'The type of a field.' });

/** The result types a formula or rollup may produce (each maps to one column type). */
export const COMPUTED_RESULT_TYPES = ['text', 'number', 'integer', 'boolean', 'date', 'datetime'] as const;
export type ComputedResultType = (typeof COMPUTED_RESULT_TYPES)[number];
