import { type Static, Type } from '@sinclair/typebox';
import { fieldVariant, indexedProperty } from './field-base.schema';

/** A calendar date without time (`date`). */
export const DateField = fieldVariant('date', { ...indexedProperty }, 'A calendar date.');

/** An instant in time (`timestamptz`). */
export const DateTimeField = fieldVariant('datetime', { ...indexedProperty }, 'A date and time.');

/**
 * Files: a JSON list of file references `[{ id, name, size, contentType }]` (`jsonb`). The files
 * are uploaded first (`POST …/forms/:form/files?field=`); the server checks each one against
 * these settings and the global cap, by the type sniffed from its bytes.
 */
export const AttachmentField = fieldVariant(
  'attachment',
  {
    maxFiles: Type.Optional(Type.Integer({ minimum: 1, description: 'At most this many files.' })),
    maxFileSizeMb: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        description: 'Largest file in MiB (the server-wide TESSERA_MAX_FILE_MB always applies too).',
      }),
    ),
    accept: Type.Optional(
      Type.Array(Type.String({ pattern: '^(\\.[A-Za-z0-9]+|[a-z]+/([a-z0-9.+-]+|\\*))$' }), {
        minItems: 1,
        description:
          'Accepted content types or extensions (e.g. "image/*", "application/pdf", ".pdf"); checked against the type sniffed from the bytes.',
      }),
    ),
  },
  'Attached files.',
);

/** An attachment field's definition. */
export type AttachmentFieldDefinition = Static<typeof AttachmentField>;

/** Any JSON value (`jsonb`). */
export const JsonField = fieldVariant('json', {}, 'A JSON value.');
