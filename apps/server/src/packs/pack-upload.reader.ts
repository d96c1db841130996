import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import { type LoadedPack, loadPackZip } from '@tessera/packs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error';
import { engineCall } from '../errors/engine-call';
import { asTooLarge, type BodyLimit, capped, refuseDeclaredLength } from '../http/body-limit';

const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'];

/** An uploaded pack: the archive's loaded files and the form fields sent beside it. */
export interface PackUpload {
  readonly loaded: LoadedPack;
  readonly fields: Readonly<Record<string, string>>;
}

/** The size limit of pack archives (a pack is JSON and some CSV; the Customer ERP zips to ~60 KB). */
export const packLimit = (maxBytes: number): BodyLimit => ({
  maxBytes,
  what: 'The pack archive',
  variable: 'TESSERA_MAX_PACK_MB',
});

/**
 * Accepts a .zip as the raw body (application/zip) or as the `file` part of multipart/form-data.
 * The raw body stays a stream until the route has authorised the caller (readPackUpload).
 */
export async function registerPackUploads(app: FastifyInstance, limit: BodyLimit): Promise<void> {
  app.addContentTypeParser(ZIP_TYPES, (_req, payload, done) => done(null, payload));
  await app.register(multipart, { limits: { fileSize: limit.maxBytes, files: 1, fields: 10 } });
}

/**
 * Reads the uploaded archive (either way) under the size limit and loads it as a pack; bad
 * archives → 400 with each entry named. Call it after `authorize`.
 */
export async function readPackUpload(request: FastifyRequest, limit: BodyLimit): Promise<PackUpload> {
  refuseDeclaredLength(request, limit);
  let archive: Buffer | undefined;
  let name = 'upload.zip';
  const fields: Record<string, string> = {};
  if (request.isMultipart()) {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file')
          throw ApiError.validation([{ path: part.fieldname, message: 'send the pack as the "file" part' }]);
        archive = await part.toBuffer().catch((error: unknown) => {
          throw asTooLarge(error, limit);
        });
        name = part.filename || name;
      } else fields[part.fieldname] = String(part.value);
    }
  } else if (request.body && typeof (request.body as Readable).pipe === 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of capped(request.body as Readable, limit)) chunks.push(chunk as Buffer);
    archive = Buffer.concat(chunks);
  }
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
  const loaded = await engineCall(() => loadPackZip(archive, { name }));
  return { loaded, fields };
}
