import { type Static, Type } from '@sinclair/typebox';
import { Key } from './common.schemas';
import { engineChecked } from './engine-checked';
import { FileReferenceRef } from './values.schemas';

/** Route schemas of attachment files (TypeBox → the OpenAPI document). */
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

export const UploadOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  contentType: Type.String(),
  sha256: Type.String({ description: 'Hex SHA-256 of the bytes.' }),
  field: Type.String({ description: 'The field it was uploaded for (it can only be attached there).' }),
  createdAt: Type.String({ format: 'date-time' }),
  reference: FileReferenceRef,
});

export const UploadBody = {
  content: {
    'multipart/form-data': {
      // streamed by the route, not validated as JSON
      schema: engineChecked(
        Type.Object(
          {
            file: Type.Unsafe<unknown>({
              type: 'string',
              format: 'binary',
              description: 'The file, with its name.',
            }),
          },
          {
            description:
              'One part "file": the file with its name (the body is streamed, not validated as JSON). Limits: the field’s maxFileSizeMb and accept, TESSERA_MAX_FILE_MB.',
          },
        ),
      ),
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

export type UploadOut = Static<typeof UploadOut>;
