import { StringEnum } from '../common/index';

/**
 * Every field type a form can use. The value is the `type` discriminator of a field definition;
 * each has its spec in `../field-types/` (the field-type registry).
 */
export const FIELD_TYPES = [
  'text',
  'long_text',
  'rich_text',
  'number',
  'integer',
  'money',
  'percent',
  'rating',
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
