import { type TProperties, Type } from '@sinclair/typebox';
import { Description, Identifier, JsonLogic, Label, StableId } from '../common/index';

/**
 * A default value: a constant (string, number, boolean, list) or an expression evaluated when
 * a record is created, `{ "expr": { "today": [] } }` or `{ "expr": { "var": "$user.id" } }`.
 * Defaults are applied by the records engine on create; they are never written into the
 * database schema, so changing a default never touches existing rows.
 */
export const FieldDefault = Type.Union(
  [
    Type.Object(
      { expr: JsonLogic },
      { additionalProperties: false, description: 'A JSON-Logic expression evaluated on create.' },
    ),
    Type.String(),
    Type.Number(),
    Type.Boolean(),
    Type.Array(Type.Union([Type.String(), Type.Number()])),
    Type.Null(),
  ],
  { description: 'A constant default, or { "expr": <JSON-Logic> } evaluated when a record is created.' },
);

/** Properties every field carries, whatever its type. */
export const fieldBaseProperties = {
  id: {
    ...StableId,
    description:
      'Stable id of the field: never changes once published, so a rename is told apart from delete + add.',
  },
  key: {
    ...Identifier,
    description: 'The field key: the record property and the Postgres column name (e.g. "customer_code").',
  },
  label: Label,
  help: Type.Optional({ ...Label, description: 'Help text shown under the input.' }),
  description: Type.Optional(Description),
  required: Type.Optional(Type.Boolean({ description: 'A value is required on every record.' })),
  requiredWhen: Type.Optional({ ...JsonLogic, description: 'Required only when this JSON-Logic is true.' }),
  visibleWhen: Type.Optional({ ...JsonLogic, description: 'Shown only when this JSON-Logic is true.' }),
  readOnly: Type.Optional(Type.Boolean({ description: 'Shown but not editable by users.' })),
  hidden: Type.Optional(
    Type.Boolean({
      description: 'Not shown in forms and lists; the value is kept and can be set by the API.',
    }),
  ),
  deleted: Type.Optional(
    Type.Boolean({
      description:
        'Deleted by an admin: hidden everywhere, its column and data are kept until an explicit purge. ' +
        'A published field left out of a new version is marked deleted automatically.',
    }),
  ),
  default: Type.Optional(FieldDefault),
  defaultFrom: Type.Optional(
    Type.Object(
      {
        link: {
          ...Identifier,
          description: 'A link field beside this one (of the form, or of the same line-items row).',
        },
        field: { ...Identifier, description: 'The field of the linked record whose value is taken.' },
      },
      {
        additionalProperties: false,
        description:
          "Take the linked record's value when the link is set and this field is left out — a quote line's unit price from its product's list price. The browser fills it as the user picks the record (they may still change it); the server fills it when a write leaves it out. Same type as the source (money: same currency).",
      },
    ),
  ),
} satisfies TProperties;

/** `unique`: no two live records share a value (a partial unique index). */
export const uniqueProperty = {
  unique: Type.Optional(
    Type.Boolean({ description: 'No two live (not deleted) records may share a value.' }),
  ),
} satisfies TProperties;

/**
 * `unique` of a text value, with `uniqueIgnoreCase`: `abc-1` and `ABC-1` count as the same value
 * (a unique index on `lower(column)`).
 */
export const uniqueTextProperties = {
  ...uniqueProperty,
  uniqueIgnoreCase: Type.Optional(
    Type.Boolean({
      description:
        'With unique: values that differ only in case count as the same (abc-1 is refused beside ABC-1).',
    }),
  ),
} satisfies TProperties;

/**
 * `indexed`: a (non-unique) B-tree index on the field's column, so lists filtered or sorted by it
 * stay fast on big tables. Offered only on types whose column a B-tree serves (scalars); link,
 * single user and auto-number fields are indexed already. Several fields filtered and sorted
 * together want one composite index instead: the form's `indexes`.
 */
export const indexedProperty = {
  indexed: Type.Optional(
    Type.Boolean({
      description:
        'Keep an index on this field so lists filtered or sorted by it stay fast on big tables (costs a little on every write).',
    }),
  ),
} satisfies TProperties;

/** Length rules for text-like fields. */
export const lengthProperties = {
  minLength: Type.Optional(Type.Integer({ minimum: 0, description: 'Minimum number of characters.' })),
  maxLength: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 10485760, description: 'Maximum number of characters.' }),
  ),
} satisfies TProperties;

/** Numeric range rules. */
export const rangeProperties = {
  min: Type.Optional(Type.Number({ description: 'Smallest allowed value (inclusive).' })),
  max: Type.Optional(Type.Number({ description: 'Largest allowed value (inclusive).' })),
} satisfies TProperties;

/**
 * Builds one field variant: the base properties, the `type` literal and the type's own config.
 * `additionalProperties: false` so a misspelt option is reported, not ignored.
 */
export function fieldVariant<const T extends string, P extends TProperties>(
  type: T,
  properties: P,
  description: string,
) {
  return Type.Object(
    { ...fieldBaseProperties, type: Type.Literal(type), ...properties },
    { additionalProperties: false, description, title: `${type} field` },
  );
}
