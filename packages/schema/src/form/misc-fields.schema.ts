import { Type } from '@sinclair/typebox';
import { fieldVariant, indexedProperty } from './field-base.schema';

/** A calendar date without time (`date`). */
export const DateField = fieldVariant('date', { ...indexedProperty }, 'A calendar date.');

/** An instant in time (`timestamptz`). */
export const DateTimeField = fieldVariant('datetime', { ...indexedProperty }, 'A date and time.');

/** Files: a JSON list of file references `[{ id, name, size, contentType }]` (`jsonb`). */
export const AttachmentField = fieldVariant(
  'attachment',
  {
    maxFiles: Type.Optional(Type.Integer({ minimum: 1, description: 'At most this many files.' })),
    accept: Type.Optional(
      Type.Array(Type.String(), {
        description: 'Accepted content types or extensions (e.g. "image/*", ".pdf").',
      }),
    ),
  },
  'Attached files.',
);

/** Any JSON value (`jsonb`). */
export const JsonField = fieldVariant('json', {}, 'A JSON value.');
