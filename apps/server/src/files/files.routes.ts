import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { Static } from '@sinclair/typebox';
import {
  DownloadQuery,
  FileBody,
  OwnFileParams,
  Problem,
  RecordFileParams,
  UploadBody,
  UploadOut,
  UploadParams,
  UploadQuery,
} from '@tessera/api';
import { type FileStorage, storeUpload, tooLargeMessage, uploadRules } from '@tessera/files';
import { createRecordService, type FileRow, readFile } from '@tessera/forms';
import { TesseraError } from '@tessera/schema';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { type Authorization, authorize } from '../access/authorize';
import { type Clock, systemClock } from '../config/clock';
import { ApiError } from '../errors/api-error';
import { engineCall } from '../errors/engine-call';
import { downloadHeaders } from '../files/file-download.headers';

export interface FileRouteDeps {
  readonly db: Kysely<any>;
  readonly storage: FileStorage;
  /** TESSERA_MAX_FILE_MB in bytes. */
  readonly maxBytes: number;
  /** Where uploads are spooled while they are checked. */
  readonly spoolDir: string;
  readonly clock?: Clock;
  readonly timeZone?: string;
}

const tags = ['files'];
/** Room for the multipart boundaries and part headers around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * Attachment files: upload for a field (multipart, streamed to a spool file under the field's
 * limits, sniffed, stored) → a file reference the record's attachment value then holds; download
 * through the record (the caller's row scope and field masks decide, like reading the record);
 * by file id alone: the uploader's own not-yet-attached upload (a preview before the record is
 * saved), or an attached file exactly as its record's download decides.
 */
export async function fileRoutes(app: FastifyInstance, deps: FileRouteDeps): Promise<void> {
  const { db, storage } = deps;
  const clock = deps.clock ?? systemClock;
  const records = (who: Authorization) =>
    createRecordService({
      db,
      actor: { id: who.userId },
      ...(who.records ? { access: who.records } : {}),
      clock,
      timeZone: deps.timeZone ?? 'UTC',
    });
  await app.register(multipart, { limits: { fileSize: deps.maxBytes, files: 1, fields: 0, parts: 2 } });

  app.post<{ Params: Static<typeof UploadParams>; Querystring: Static<typeof UploadQuery> }>(
    '/api/apps/:app/forms/:form/files',
    {
      schema: {
        tags,
        summary:
          'Upload a file for an attachment field (multipart "file"); put the returned reference in the record’s attachment value',
        params: UploadParams,
        querystring: UploadQuery,
        body: UploadBody,
        response: { 201: UploadOut, 400: Problem, 403: Problem, 404: Problem, 413: Problem, 415: Problem },
      },
    },
    async (request, reply) => {
      const { app: appKey, form } = request.params;
      // The field and the caller's right to fill it are checked before a byte of the body is read.
      const who = await authorize(request, { app: appKey, form, action: 'file.upload' });
      const target = await engineCall(() => records(who).uploadTarget(appKey, form, request.query.field));
      const rules = uploadRules(target, deps.maxBytes);
      const declared = Number(request.headers['content-length']);
      // a multipart body carries a little more than the file: refuse only what cannot fit at all
      if (Number.isFinite(declared) && declared > rules.maxBytes + MULTIPART_OVERHEAD)
        throw new ApiError('FILE_TOO_LARGE', tooLargeMessage('The file', rules));
      if (!request.isMultipart())
        throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data (part "file").');
      // one byte over the limit reaches the upload's own counter, which refuses it (a part cut at
      // exactly the limit would otherwise look like a file of that size)
      const part = await request.file({
        limits: { fileSize: rules.maxBytes + 1, files: 1, fields: 0 },
        throwFileSizeLimit: true,
      });
      if (part?.fieldname !== 'file')
        throw ApiError.validation([{ path: 'file', message: 'send the file as the multipart part "file"' }]);
      const file = await engineCall(() =>
        storeUpload(
          { db, storage, spoolDir: deps.spoolDir, now: () => clock.now() },
          {
            source: part.file,
            name: part.filename,
            target,
            uploadedBy: who.userId,
            serverMaxBytes: deps.maxBytes,
          },
        ),
      );
      return reply.status(201).send(uploadOut(file));
    },
  );

  app.get<{ Params: Static<typeof RecordFileParams>; Querystring: Static<typeof DownloadQuery> }>(
    '/api/apps/:app/forms/:form/records/:id/files/:fileId',
    {
      schema: {
        tags,
        summary:
          'Download a file of a record (needs read access to the record and the field; images inline unless ?download=true)',
        params: RecordFileParams,
        querystring: DownloadQuery,
        response: { 200: FileBody, 304: { type: 'null', description: 'Not modified' }, 404: Problem },
      },
    },
    async (request, reply) => {
      const { app: appKey, form, id, fileId } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'record.read' });
      const file = await engineCall(() => records(who).file(appKey, form, id, fileId));
      return send(request, reply, file, request.query.download === true);
    },
  );

  app.get<{ Params: Static<typeof OwnFileParams>; Querystring: Static<typeof DownloadQuery> }>(
    '/api/files/:fileId',
    {
      schema: {
        tags,
        summary:
          'A file by id: your own upload that no record holds yet (a preview before saving), or a file of a record you may read (the record’s download: its row scope and field access)',
        params: OwnFileParams,
        querystring: DownloadQuery,
        response: { 200: FileBody, 304: { type: 'null', description: 'Not modified' }, 404: Problem },
      },
    },
    async (request, reply) => {
      const who = await authorize(request, { action: 'file.upload' });
      const file = await readFile(db, request.params.fileId);
      const missing = () => ApiError.notFound(`No file ${request.params.fileId} you may read.`);
      if (!file || file.purgedAt !== null) throw missing();
      if (file.recordId === null) {
        if (file.uploadedBy !== who.userId) throw missing();
        return send(request, reply, file, request.query.download === true);
      }
      // attached: exactly the record's download (its row scope and field masks), under one URL
      // that does not change when a record is saved — what the web app's previews point at
      const held = await heldFile(request, file.formId, file.recordId, file.id).catch((error: unknown) => {
        // not allowed looks like missing, so a file id does not tell whether its record exists
        const refused = error instanceof TesseraError && ['forbidden', 'not_found'].includes(error.category);
        throw refused ? missing() : error;
      });
      return send(request, reply, held, request.query.download === true);
    },
  );

  /** The file as its record's download decides: the caller reads the record and the field, or 404. */
  async function heldFile(request: FastifyRequest, formId: string, recordId: string, fileId: string) {
    const form = await sql<{ app: string; form: string }>`
      select a.key as app, f.key as form from tessera.forms f join tessera.apps a on a.id = f.app_id
      where f.id = ${formId}::uuid`.execute(db);
    const where = form.rows[0];
    if (!where) throw ApiError.notFound('No such form.');
    const who = await authorize(request, { app: where.app, form: where.form, action: 'record.read' });
    return engineCall(() => records(who).file(where.app, where.form, recordId, fileId));
  }

  async function send(request: FastifyRequest, reply: FastifyReply, file: FileRow, download: boolean) {
    const headers = downloadHeaders(file, { download });
    if (request.headers['if-none-match'] === headers.etag)
      return reply.status(304).headers({ etag: headers.etag }).send();
    const body: Readable = await engineCall(() => storage.get(file.storageKey));
    return reply
      .status(200)
      .headers({ ...headers })
      .send(body);
  }
}

function uploadOut(file: FileRow) {
  const reference = { id: file.id, name: file.name, size: file.size, contentType: file.contentType };
  return {
    ...reference,
    sha256: file.sha256,
    field: file.field,
    createdAt: file.createdAt.toISOString(),
    reference,
  };
}
