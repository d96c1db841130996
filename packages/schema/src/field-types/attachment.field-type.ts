import { type Static, Type } from '@sinclair/typebox';
import type { FieldOfType } from '../form/field.schema';
import { fieldVariant } from '../form/field-base.schema';
import type { CellCodec } from './cells/cell-codec';
import type { FieldTypeSpec } from './field-type.spec';
import { strip } from './value-schema';

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

/** The file names out, as a person reads them; never in (a sheet carries no file bytes). */
const attachmentCell: CellCodec<FieldOfType<'attachment'>> = {
  // File ids would have to be uploads of the importer not yet attached: attach files on the record.
  read: () => ({
    ok: false,
    message:
      'attachments cannot be imported from a sheet: upload the files on the record (map this column to null to skip it)',
  }),
  write: (_f, value) =>
    Array.isArray(value)
      ? value.map((file) => String((file as { name?: unknown } | null)?.name ?? '')).join(', ')
      : '',
};

export const attachmentFieldType: FieldTypeSpec<'attachment'> = {
  type: 'attachment',
  label: { en: 'Attachment', 'zh-CN': '附件' },
  settings: AttachmentField,
  inLineItems: true,
  computed: false,
  indexable: false,
  column: () => ({ kind: 'jsonb' }),
  value: (f) =>
    strip({
      type: 'array',
      maxItems: f.maxFiles,
      items: {
        type: 'object',
        // the id of an uploaded file; the rest is filled in from the stored file on write
        properties: {
          id: { type: 'string', format: 'uuid' },
          name: { type: 'string' },
          size: { type: 'integer', minimum: 0 },
          contentType: { type: 'string' },
        },
        required: ['id'],
        additionalProperties: false,
      },
    }),
  kind: () => 'json',
  cell: attachmentCell,
  display: () => ({ format: 'files', align: 'left' }),
};
