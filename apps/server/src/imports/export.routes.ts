import { PassThrough } from 'node:stream';
import type { Static } from '@sinclair/typebox';
import { ImportFormParams, RecordExportQuery, SheetFile } from '@tessera/api';
import { createFormService, createRecordService, type SortKey } from '@tessera/forms';
import { localDate } from '@tessera/logic';
import { exportColumns, exportForms, exportSheet, SheetsError } from '@tessera/sheets';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { authorize } from '../access/authorize';
import { type Clock, systemClock } from '../config/clock';
import { ApiError } from '../errors/api-error';
import { definitionFor } from '../forms/form-definition.access';
import { engineCall } from '../forms/forms-error.mapper';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Export of a form's list as CSV or XLSX, streamed page by page through the records service as
 * the caller (their row scope and hidden fields apply). Filter, sort and columns are checked
 * before the first byte is sent, so a bad request is still a problem+json 400.
 */
export async function exportRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<any>; timeZone?: string; clock?: Clock },
): Promise<void> {
  const { db } = deps;
  const clock = deps.clock ?? systemClock;
  const timeZone = deps.timeZone ?? 'UTC';

  app.get<{ Params: Static<typeof ImportFormParams>; Querystring: Static<typeof RecordExportQuery> }>(
    '/api/apps/:app/forms/:form/records/export',
    {
      schema: {
        tags: ['imports'],
        summary:
          'Export the matching records as CSV (UTF-8 with BOM) or XLSX, headers in the requested language',
        params: ImportFormParams,
        querystring: RecordExportQuery,
        response: { 200: SheetFile },
      },
    },
    async (request, reply) => {
      const { app: appKey, form } = request.params;
      const q = request.query;
      const who = await authorize(request, { app: appKey, form, action: 'record.export' });
      const records = createRecordService({
        db,
        actor: { id: who.userId },
        clock,
        timeZone,
        ...(who.records ? { access: who.records } : {}),
      });
      const forms = createFormService({ db, actor: { id: who.userId }, clock });
      const published = await forms.getPublished(appKey, form);
      if (!published) throw ApiError.notFound(`Form ${appKey}.${form} is not published.`);
      // the columns a member may see: hidden fields (and hidden line-item row fields) are no column at all
      const definition = definitionFor(who, form, published.definition);
      const filter = q.filter === undefined ? undefined : parseJson(q.filter);
      const sort = q.sort === undefined ? undefined : parseSort(q.sort);
      const columnKeys = q.columns === undefined ? undefined : split(q.columns);
      try {
        exportColumns(definition, columnKeys);
      } catch (error) {
        if (error instanceof SheetsError)
          throw new ApiError(error.code, error.message, [
            { path: 'querystring/columns', message: error.message },
          ]);
        throw error;
      }
      // a first, one-row read refuses a bad filter or sort (or a hidden field) before streaming starts
      await engineCall(() =>
        records.list(appKey, form, {
          ...(filter === undefined ? {} : { filter }),
          ...(sort ? { sort } : {}),
          limit: 1,
        }),
      );
      const linkedForms = await exportForms(
        definition,
        async (key) => (await forms.getPublished(appKey, key))?.definition,
      );
      const format = q.format ?? 'csv';
      const lang = q.lang ?? 'zh-CN';
      const body = new PassThrough();
      const name = `${form}-${localDate(clock.now(), timeZone)}.${format}`;
      reply
        .header('content-type', format === 'xlsx' ? XLSX : 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        );
      exportSheet({
        db,
        records,
        app: appKey,
        form: definition,
        linkedForms,
        format,
        output: body,
        lang,
        timeZone,
        ...(filter === undefined ? {} : { filter }),
        ...(sort ? { sort } : {}),
        ...(columnKeys ? { columns: columnKeys } : {}),
      }).catch((error: unknown) => {
        request.log.error({ err: error }, 'export failed while streaming');
        body.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      return reply.send(body);
    },
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw ApiError.validation([{ path: 'querystring/filter', message: 'is not valid JSON' }]);
  }
}

function split(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function parseSort(text: string): SortKey[] {
  return split(text).map((part) =>
    part.startsWith('-') ? { field: part.slice(1), direction: 'desc' } : { field: part, direction: 'asc' },
  );
}
