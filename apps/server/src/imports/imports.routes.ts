import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { Static } from '@sinclair/typebox';
import {
  ImportAccepted,
  ImportFormParams,
  ImportOptionsQuery,
  ImportParams,
  ImportStatusOut,
  Problem,
  ReportPageQuery,
} from '@tessera/api';
import { createFormService } from '@tessera/forms';
import { readImportJob, readImportProblems, type SheetFormat, sheetFormatOf } from '@tessera/sheets';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { authorize } from '../access/authorize';
import { type Clock, systemClock } from '../config/clock';
import { ApiError } from '../errors/api-error';
import { asTooLarge, type BodyLimit, capped, refuseDeclaredLength, tooLarge } from '../http/body-limit';
import { parseImportOptions } from './import-options.parser';
import type { ImportRuns } from './import-runs';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Sheet imports: upload a CSV/XLSX (multipart `file` + option fields, or the raw file as the body
 * with options in the query) → 202 with an import id; the import runs in the background; its
 * status, counters and per-row report (paginated) are read back by id.
 */
export async function importRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<any>; runs: ImportRuns; maxBytes: number; spoolDir?: string; clock?: Clock },
): Promise<void> {
  const { db, runs } = deps;
  const limit: BodyLimit = {
    maxBytes: deps.maxBytes,
    what: 'The import file',
    variable: 'TESSERA_MAX_IMPORT_MB',
  };
  const clock = deps.clock ?? systemClock;
  const spoolDir = deps.spoolDir ?? join(tmpdir(), 'tessera-imports');
  await app.register(multipart, {
    limits: { fileSize: limit.maxBytes, files: 1, fields: 20, fieldSize: 1024 * 1024 },
  });
  // a raw upload: the body stays a stream, spooled to disk as it arrives
  app.addContentTypeParser(['text/csv', XLSX, 'application/octet-stream'], (_request, payload, done) =>
    done(null, payload),
  );
  const tags = ['imports'];

  app.post<{ Params: Static<typeof ImportFormParams>; Querystring: Static<typeof ImportOptionsQuery> }>(
    '/api/apps/:app/forms/:form/imports',
    {
      schema: {
        tags,
        summary: 'Import a CSV or XLSX file into a form (runs in the background; 202 with the import id)',
        params: ImportFormParams,
        querystring: ImportOptionsQuery,
        response: {
          202: ImportAccepted,
          400: Problem,
          403: Problem,
          404: Problem,
          413: Problem,
          415: Problem,
        },
      },
    },
    async (request, reply) => {
      const { app: appKey, form } = request.params;
      // Everything that can be refused without the body is refused before a byte of it is read.
      refuseDeclaredLength(request, limit);
      const queryOptions = parseImportOptions(request.query);
      const who = await authorize(request, { app: appKey, form, action: 'record.import' });
      const published = await createFormService({ db, actor: { id: who.userId }, clock }).getPublished(
        appKey,
        form,
      );
      if (!published) throw ApiError.notFound(`Form ${appKey}.${form} is not published.`);
      await mkdir(spoolDir, { recursive: true });
      const path = join(spoolDir, `${randomUUID()}.upload`);
      try {
        const upload = await receive(request, path, limit);
        const options = upload.multipart
          ? parseImportOptions({ ...request.query, ...upload.fields })
          : queryOptions;
        const id = await runs.submit(
          {
            app: appKey,
            form,
            fileName: upload.fileName,
            format: upload.format,
            options,
            createdBy: who.userId,
            at: clock.now(),
          },
          {
            app: appKey,
            form,
            path,
            format: upload.format,
            options,
            userId: who.userId,
            access: who.records,
          },
        );
        return reply.status(202).send({ id, status: 'queued', statusUrl: `/api/imports/${id}` });
      } catch (error) {
        await rm(path, { force: true });
        throw error;
      }
    },
  );

  app.get<{ Params: Static<typeof ImportParams>; Querystring: Static<typeof ReportPageQuery> }>(
    '/api/imports/:id',
    {
      schema: {
        tags,
        summary: 'An import: status, counters (rows read/created/updated/skipped/failed), the per-row report',
        params: ImportParams,
        querystring: ReportPageQuery,
        response: { 200: ImportStatusOut, 403: Problem, 404: Problem },
      },
    },
    async (request) => {
      const { id } = request.params;
      const offset = request.query.offset ?? 0;
      const limit = request.query.limit ?? 100;
      if (!UUID.test(id)) throw ApiError.notFound(`No import ${id}.`);
      const live = runs.get(id);
      if (live) {
        const who = await authorize(request, { app: live.app, form: live.form, action: 'record.import' });
        if (!who.isAdmin && who.userId !== live.createdBy) throw ApiError.notFound(`No import ${id}.`);
        return {
          id,
          app: live.app,
          form: live.form,
          status: live.status,
          outcome: null,
          counts: live.counts,
          columns: [],
          unknownColumns: [],
          problemCount: live.counts.rowsFailed ?? 0,
          problems: [],
          offset,
          limit,
          error: null,
          createdAt: null,
          finishedAt: null,
        };
      }
      const job = await readImportJob(db, id);
      if (!job) throw ApiError.notFound(`No import ${id}.`);
      const who = await authorize(request, { app: job.app, form: job.form, action: 'record.import' });
      if (!who.isAdmin && who.userId !== job.createdBy) throw ApiError.notFound(`No import ${id}.`);
      const problems = await readImportProblems(db, id, { offset, limit });
      return {
        id,
        app: job.app,
        form: job.form,
        status: job.status,
        outcome: job.outcome,
        counts: job.counts,
        columns: job.columns,
        unknownColumns: job.unknownColumns,
        problemCount: job.problemCount,
        problems,
        offset,
        limit,
        error: job.error,
        createdAt: job.createdAt,
        finishedAt: job.finishedAt,
      };
    },
  );
}

interface Upload {
  readonly fileName: string | null;
  readonly format: SheetFormat;
  readonly fields: Record<string, string>;
  readonly multipart: boolean;
}

/**
 * Spools the uploaded file to `path` (multipart `file`, or the raw body) under the size limit and
 * collects the option fields. Option fields sent before the file (as browsers send a FormData in
 * order) are checked before the file is read; a bad one refuses the upload without storing it.
 */
async function receive(
  request: FastifyRequest<{ Querystring: Static<typeof ImportOptionsQuery> }>,
  path: string,
  limit: BodyLimit,
): Promise<Upload> {
  const fields: Record<string, string> = {};
  let fileName: string | null = null;
  let contentType: string | undefined;
  let got = false;
  const multipart = request.isMultipart();
  if (multipart) {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (got) throw ApiError.validation([{ path: 'file', message: 'send one file' }]);
        fileName = part.filename || null;
        parseImportOptions({ ...request.query, ...fields, fileName: fileName ?? undefined });
        contentType = part.mimetype;
        await pipeline(part.file, createWriteStream(path)).catch((error: unknown) => {
          throw asTooLarge(error, limit);
        });
        if (part.file.truncated) throw tooLarge(limit);
        got = true;
      } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
  } else if (request.body && typeof (request.body as Readable).pipe === 'function') {
    contentType = request.headers['content-type'];
    fileName = request.query.fileName ?? null;
    await pipeline(capped(request.body as Readable, limit), createWriteStream(path));
    got = true;
  }
  if (!got) {
    throw new ApiError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the file as multipart/form-data (field "file") or as a text/csv or XLSX body.',
    );
  }
  const size = (await stat(path)).size;
  if (size === 0) throw ApiError.validation([{ path: 'file', message: 'is empty' }]);
  return {
    fileName,
    format: (await isZip(path)) ? 'xlsx' : sheetFormatOf(contentType, fileName ?? undefined),
    fields,
    multipart,
  };
}

/** XLSX files are zip archives ("PK\x03\x04"), whatever name or type the client gave. */
async function isZip(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === 0x04034b50;
  } finally {
    await file.close();
  }
}
