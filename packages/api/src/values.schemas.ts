import { type Static, Type } from '@sinclair/typebox';

/** Any JSON value (a json field's value, an audit entry's detail). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const JsonValueSchema = Type.Unsafe<JsonValue>({
  $id: 'JsonValue',
  description: 'Any JSON value.',
  anyOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'null' },
    // not recursive: generated clients (openapi-typescript) cannot type a self-referencing union
    { type: 'array', description: 'an array of JSON values' },
    { type: 'object', additionalProperties: true, description: 'an object of JSON values' },
  ],
});
export const JsonValueRef = Type.Unsafe<JsonValue>({ $ref: 'JsonValue#' });

/** Money as the API reads and writes it: the amount a decimal string. */
export const MoneySchema = Type.Object(
  {
    amount: Type.String({ description: 'A decimal string, e.g. "12.50".' }),
    currency: Type.Optional(
      Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217; default: the field’s.' }),
    ),
  },
  { $id: 'Money', description: 'An amount of money with its currency.' },
);
export type Money = Static<typeof MoneySchema>;

/**
 * A file reference: exactly what a record's attachment value holds per file. Put it (or just
 * `{ id }`) into the attachment field's array when creating or updating the record; the server
 * fills in name, size and contentType from the stored file.
 */
export const FileReferenceSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String({ description: 'The original file name.' }),
    size: Type.Integer({ minimum: 0, description: 'Bytes.' }),
    contentType: Type.String({ description: 'The type sniffed from the bytes (not the client’s claim).' }),
  },
  { $id: 'FileReference', description: 'A file as a record’s attachment value holds it.' },
);
export type FileReference = Static<typeof FileReferenceSchema>;
export const FileReferenceRef = Type.Unsafe<FileReference>({ $ref: 'FileReference#' });

/**
 * One field's value in a record. Which branch a field uses is decided per form by its field type
 * (the field-type registry of @tessera/schema holds each type's value schema; the forms engine
 * validates by it), so the API can only name the union: text, dates (ISO 8601), selects, people
 * and link ids are strings; numbers, percents, ratings numbers; money a {@link MoneySchema};
 * multi selects string arrays; attachments arrays of file references; line items arrays of row
 * objects; an expanded link the linked record; a json field any JSON value.
 */
export type FieldValue = JsonValue | Money | FileReference[];
export const FieldValueSchema = Type.Unsafe<FieldValue>({
  $id: 'FieldValue',
  description:
    'A field value; its shape follows the field type (see the form definition and the field-type registry).',
  anyOf: [
    {
      type: 'string',
      description:
        'text, long/rich text, email, phone, URL, date, datetime, select, user, department, role, link id, auto-number',
    },
    { type: 'number', description: 'number, integer, percent, rating, formula, rollup' },
    { type: 'boolean' },
    { type: 'null' },
    { $ref: 'Money#' },
    {
      type: 'array',
      description: 'multi select (strings), attachment (file references), line items (rows)',
      items: {
        anyOf: [
          { type: 'string' },
          { $ref: 'FileReference#' },
          { type: 'object', description: 'a line-items row', additionalProperties: { $ref: 'FieldValue#' } },
        ],
      },
    },
    {
      type: 'object',
      description: 'an expanded link (the linked record)',
      additionalProperties: { $ref: 'FieldValue#' },
    },
    { $ref: 'JsonValue#', description: 'a json field' },
  ],
});
export const FieldValueRef = Type.Unsafe<FieldValue>({ $ref: 'FieldValue#' });
