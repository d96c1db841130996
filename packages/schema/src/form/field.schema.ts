import { type Static, Type } from '@sinclair/typebox';
import { BooleanField, MultiSelectField, SingleSelectField } from './choice-fields.schema';
import { AutoNumberField, FormulaField } from './computed-fields.schema';
import { fieldVariant } from './field-base.schema';
import { AttachmentField, DateField, DateTimeField, JsonField } from './misc-fields.schema';
import { IntegerField, MoneyField, NumberField, PercentField } from './number-fields.schema';
import { DepartmentField, RoleField, UserField } from './people-fields.schema';
import { LinkField, LookupField, RollupField } from './relation-fields.schema';
import {
  EmailField,
  LongTextField,
  PhoneField,
  RichTextField,
  TextField,
  UrlField,
} from './text-fields.schema';

/** The field types a line item (a row of a sub-table) may use: all but line_items and rollup. */
export const LineItemFieldSchema = Type.Union(
  [
    TextField,
    LongTextField,
    RichTextField,
    NumberField,
    IntegerField,
    MoneyField,
    PercentField,
    BooleanField,
    DateField,
    DateTimeField,
    SingleSelectField,
    MultiSelectField,
    UserField,
    DepartmentField,
    RoleField,
    LinkField,
    AutoNumberField,
    FormulaField,
    LookupField,
    EmailField,
    PhoneField,
    UrlField,
    AttachmentField,
    JsonField,
  ],
  { description: 'A field of a line item (discriminated by "type").' },
);
export type LineItemFieldDefinition = Static<typeof LineItemFieldSchema>;

/**
 * Line items: a sub-table of rows (an order's items), each row with its own `fields`. Stored in a
 * child table `<form>__<key>` with `parent_id` (ON DELETE CASCADE) and `position`.
 */
export const LineItemsField = fieldVariant(
  'line_items',
  {
    fields: Type.Array(LineItemFieldSchema, { minItems: 1, description: 'The fields of one row.' }),
    minRows: Type.Optional(Type.Integer({ minimum: 0, description: 'At least this many rows.' })),
    maxRows: Type.Optional(Type.Integer({ minimum: 1, description: 'At most this many rows.' })),
  },
  'A sub-table of rows (line items).',
);

/** A field of a form, discriminated by `type`. */
export const FieldSchema = Type.Union([...LineItemFieldSchema.anyOf, RollupField, LineItemsField], {
  description: 'A field of a form (discriminated by "type").',
});
export type FieldDefinition = Static<typeof FieldSchema>;

/** The definition of one field type, e.g. `FieldOfType<'money'>`. */
export type FieldOfType<T extends FieldDefinition['type']> = Extract<FieldDefinition, { type: T }>;
