import { type Static, Type } from '@sinclair/typebox';
import { AttachmentField } from '../field-types/attachment.field-type';
import { AutoNumberField } from '../field-types/auto-number.field-type';
import { BooleanField } from '../field-types/boolean.field-type';
import { DateField } from '../field-types/date.field-type';
import { DateTimeField } from '../field-types/datetime.field-type';
import { DepartmentField } from '../field-types/department.field-type';
import { EmailField } from '../field-types/email.field-type';
import { FormulaField } from '../field-types/formula.field-type';
import { IntegerField } from '../field-types/integer.field-type';
import { JsonField } from '../field-types/json.field-type';
import { LinkField } from '../field-types/link.field-type';
import { LongTextField } from '../field-types/long-text.field-type';
import { LookupField } from '../field-types/lookup.field-type';
import { MoneyField } from '../field-types/money.field-type';
import { MultiSelectField } from '../field-types/multi-select.field-type';
import { NumberField } from '../field-types/number.field-type';
import { PercentField } from '../field-types/percent.field-type';
import { PhoneField } from '../field-types/phone.field-type';
import { RatingField } from '../field-types/rating.field-type';
import { RichTextField } from '../field-types/rich-text.field-type';
import { RoleField } from '../field-types/role.field-type';
import { RollupField } from '../field-types/rollup.field-type';
import { SingleSelectField } from '../field-types/single-select.field-type';
import { TextField } from '../field-types/text.field-type';
import { UrlField } from '../field-types/url.field-type';
import { UserField } from '../field-types/user.field-type';
import { fieldVariant } from './field-base.schema';

/** The field types a line item (a row of a sub-table) may use: all but line_items and rollup (registry: `inLineItems`). */
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
    RatingField,
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
