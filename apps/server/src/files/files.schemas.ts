import { Type } from '@sinclair/typebox';

/** Route schemas of attachment files (TypeBox → the OpenAPI document). */
const Key = Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$', description: 'A key (lower snake case).' });
const Uuid = Type.String({ description: 'A uuid.' });

export const UploadParams = Type.Object({ app: Key, form: Key });
export const UploadQuery = Type.Object(
  {
    field: Type.String({
      pattern: '^[a-z][a-z0-9_]{0,62}(\\.[a-z][a-z0-9_]{0,62})?$',
      description:
        'The attachment field the file is for: its key, or `lineItems.key` for a field inside line items.',
    }),
  },
  { additionalProperties: false },
);

/**
 * A file reference: exactly what a record's attachment value holds per file. Put it (or just
 * `{ id }`) into the attachment field's array when creating or updating the record; the server
 * fills in name, size and contentType from the stored file.
 */
export const FileReference = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String({ description: 'The original file name.' }),
    size: Type.Integer({ minimum: 0, description: 'Bytes.' }),
    contentType: Type.String({ description: 'The type sniffed from the bytes (not the client’s claim).' }),
  },
  { $id: 'FileReference', description: 'A file as a record’s attachment value holds it.' },
);

export const UploadOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  contentType: Type.String(),
  sha256: Type.String({ description: 'Hex SHA-256 of the bytes.' }),
  field: Type.String({ description: 'The field it was uploaded for (it can only be attached there).' }),
  createdAt: Type.String({ format: 'date-time' }),
  reference: Type.Ref('FileReference'),
});

export const UploadBody = {
  content: {
    'multipart/form-data': {
      schema: {
        description:
          'One part "file": the file with its name (the body is streamed, not validated as JSON). Limits: the field’s maxFileSizeMb and accept, TESSERA_MAX_FILE_MB.',
      },
    },
  },
};

export const RecordFileParams = Type.Object({ app: Key, form: Key, id: Uuid, fileId: Uuid });
export const OwnFileParams = Type.Object({ fileId: Uuid });
export const DownloadQuery = Type.Object(
  {
    download: Type.Optional(
      Type.Boolean({ description: 'true: always as an attachment (images are otherwise shown inline).' }),
    ),
  },
  { additionalProperties: false },
);

export const FileBody = {
  description:
    'The file’s bytes: Content-Type is the sniffed type, X-Content-Type-Options nosniff; images (PNG, JPEG, WebP, GIF) inline, everything else as an attachment.',
  content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
};
