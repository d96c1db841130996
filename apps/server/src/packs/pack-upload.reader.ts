import multipart from '@fastify/multipart';
import { type LoadedPack, loadPackZip } from '@tessera/packs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error';
import { packCall } from './packs-error.mapper';

/** Largest pack archive accepted (a pack is JSON and some CSV; the Customer ERP zips to ~60 KB). */
export const MAX_PACK_BYTES = 20 * 1024 * 1024;

const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'];

/** An uploaded pack: the archive's loaded files and the form fields sent beside it. */
export interface PackUpload {
  readonly loaded: LoadedPack;
  readonly fields: Readonly<Record<string, string>>;
}

/** Accepts a .zip as the raw body (application/zip) or as the `file` part of multipart/form-data. */
export async function registerPackUploads(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser(ZIP_TYPES, { parseAs: 'buffer', bodyLimit: MAX_PACK_BYTES }, (_req, body, done) =>
    done(null, body),
  );
  await app.register(multipart, { limits: { fileSize: MAX_PACK_BYTES, files: 1, fields: 10 } });
}

/** Reads the uploaded archive (either way) and loads it as a pack; bad archives → 400 with each entry named. */
export async function readPackUpload(request: FastifyRequest): Promise<PackUpload> {
  let archive: Buffer | undefined;
  let name = 'upload.zip';
  const fields: Record<string, string> = {};
  if (request.isMultipart()) {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file')
          throw ApiError.validation([{ path: part.fieldname, message: 'send the pack as the "file" part' }]);
        archive = await part.toBuffer();
        name = part.filename || name;
      } else fields[part.fieldname] = String(part.value);
    }
  } else if (Buffer.isBuffer(request.body)) archive = request.body;
  if (!archive || archive.length === 0)
    throw ApiError.validation(
      [
        {
          path: 'body',
          message:
            'send the pack as a .zip: an application/zip body or the "file" part of multipart/form-data',
        },
      ],
      'No pack archive in the request.',
    );
  const loaded = await packCall(() => loadPackZip(archive, { name }));
  return { loaded, fields };
}
