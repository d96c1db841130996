import type { Static } from '@sinclair/typebox';
import {
  ExpandQuery,
  FormParams,
  Problem,
  RecordBulkIn,
  RecordBulkOut,
  RecordHistory,
  RecordList,
  RecordListQuery,
  RecordParams,
  RecordPatchIn,
  RecordValuesIn,
} from '@tessera/api';
import { createRecordService, type ListQuery as EngineListQuery, type SortKey } from '@tessera/forms';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { type Authorization, authorize } from '../access/authorize';
import { type Clock, systemClock } from '../config/clock';
import { ApiError } from '../errors/api-error';
import { scheduleFileSweep } from '../files/file-sweep.job';
import { engineCall } from './forms-error.mapper';

/** The records API: thin adapters over the records service; every route calls `authorize` first. */
export async function recordsRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<any>; timeZone?: string; clock?: Clock },
): Promise<void> {
  const { db } = deps;
  // The service runs with exactly what authorize resolved: row scopes, hidden and read-only fields.
  const records = (who: Authorization) =>
    createRecordService({
      db,
      actor: { id: who.userId },
      ...(who.records ? { access: who.records } : {}),
      clock: deps.clock ?? systemClock,
      timeZone: deps.timeZone ?? 'UTC',
    });
  const tags = ['records'];
  const base = '/api/apps/:app/forms/:form/records';
  const Rec = { $ref: 'Record#' };

  app.get<{ Params: Static<typeof FormParams>; Querystring: Static<typeof RecordListQuery> }>(
    base,
    {
      schema: {
        tags,
        summary: 'List records: JSON-Logic filter, sort, keyset cursor, text search, total on request',
        params: FormParams,
        querystring: RecordListQuery,
        response: { 200: RecordList, 400: Problem, 404: Problem },
      },
    },
    async (request) => {
      const { app: appKey, form } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'record.read' });
      const q = request.query;
      const query: EngineListQuery & { expand?: readonly string[] } = {
        ...(q.filter === undefined ? {} : { filter: parseFilter(q.filter) }),
        ...(q.sort === undefined ? {} : { sort: parseSort(q.sort) }),
        ...(q.limit === undefined ? {} : { limit: q.limit }),
        ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
        ...(q.q === undefined ? {} : { q: q.q }),
        ...(q.count === undefined ? {} : { count: q.count as 'exact' | 'none' }),
        ...(q.deleted === undefined ? {} : { deleted: q.deleted as 'exclude' | 'only' }),
        expand: splitList(q.expand),
      };
      return engineCall(() => records(who).list(appKey, form, query));
    },
  );

  app.post<{
    Params: Static<typeof FormParams>;
    Body: Record<string, unknown>;
    Querystring: Static<typeof ExpandQuery>;
  }>(
    base,
    {
      schema: {
        tags,
        summary: 'Create a record (validated against the published form; every error by path)',
        params: FormParams,
        querystring: ExpandQuery,
        body: RecordValuesIn,
        response: { 201: Rec, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const { app: appKey, form } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'record.create' });
      const created = await engineCall(() =>
        records(who).create(appKey, form, request.body, { expand: splitList(request.query.expand) }),
      );
      return reply.status(201).send(created);
    },
  );

  app.post<{ Params: Static<typeof FormParams>; Body: Static<typeof RecordBulkIn> }>(
    `${base}/bulk`,
    {
      schema: {
        tags,
        summary: 'Create or update many records in one transaction (all or nothing)',
        params: FormParams,
        body: RecordBulkIn,
        response: { 200: RecordBulkOut, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const { app: appKey, form } = request.params;
      const body = request.body;
      const action = body.action === 'create' ? 'record.create' : 'record.update';
      const who = await authorize(request, { app: appKey, form, action });
      const service = records(who);
      const items = await engineCall(() =>
        body.action === 'create'
          ? service.bulkCreate(appKey, form, body.items)
          : service.bulkUpdate(appKey, form, body.items),
      );
      return { items };
    },
  );

  app.get<{ Params: Static<typeof RecordParams>; Querystring: Static<typeof ExpandQuery> }>(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'A record with its line items (expand links with ?expand=)',
        params: RecordParams,
        querystring: ExpandQuery,
        response: { 200: Rec, 400: Problem, 404: Problem },
      },
    },
    async (request) => {
      const { app: appKey, form, id } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'record.read' });
      return engineCall(() =>
        records(who).get(appKey, form, id, { expand: splitList(request.query.expand) }),
      );
    },
  );

  app.patch<{ Params: Static<typeof RecordParams>; Body: Static<typeof RecordPatchIn> }>(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Change the given fields; send the version you read (stale → 409 STALE_VERSION)',
        params: RecordParams,
        body: RecordPatchIn,
        response: { 200: Rec, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const { app: appKey, form, id } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'record.update' });
      const { version, ...patch } = request.body;
      return engineCall(() => records(who).update(appKey, form, id, version as number, patch));
    },
  );

  app.delete<{ Params: Static<typeof RecordParams> }>(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Soft-delete a record (restorable)',
        params: RecordParams,
        response: { 204: { type: 'null' }, 404: Problem },
      },
    },
    async (request, reply) => {
      const { app: appKey, form, id } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'record.delete' });
      await engineCall(() => records(who).delete(appKey, form, id));
      return reply.status(204).send();
    },
  );

  app.post<{ Params: Static<typeof RecordParams> }>(
    `${base}/:id/restore`,
    {
      schema: {
        tags,
        summary: 'Restore a soft-deleted record',
        params: RecordParams,
        response: { 200: Rec, 400: Problem, 404: Problem },
      },
    },
    async (request) => {
      const { app: appKey, form, id } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'record.delete' });
      return engineCall(() => records(who).restore(appKey, form, id));
    },
  );

  app.post<{ Params: Static<typeof RecordParams> }>(
    `${base}/:id/purge`,
    {
      schema: {
        tags,
        summary:
          'Delete a soft-deleted record for good, with its line items and files (those who may design the form)',
        params: RecordParams,
        response: { 204: { type: 'null' }, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const { app: appKey, form, id } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'record.purge' });
      await engineCall(() => records(who).purge(appKey, form, id));
      // the files' bytes go now rather than at the next quarter-hour sweep
      await scheduleFileSweep(db);
      return reply.status(204).send();
    },
  );

  app.get<{ Params: Static<typeof RecordParams> }>(
    `${base}/:id/history`,
    {
      schema: {
        tags,
        summary: 'The audit trail of a record, oldest first',
        params: RecordParams,
        response: { 200: RecordHistory, 404: Problem },
      },
    },
    async (request) => {
      const { app: appKey, form, id } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'record.read' });
      return engineCall(() => records(who).history(appKey, form, id));
    },
  );
}

function splitList(text: string | undefined): string[] {
  return text === undefined
    ? []
    : text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

function parseFilter(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw ApiError.validation([{ path: 'querystring/filter', message: 'is not valid JSON' }]);
  }
}

function parseSort(text: string): SortKey[] {
  return splitList(text).map((part) =>
    part.startsWith('-') ? { field: part.slice(1), direction: 'desc' } : { field: part, direction: 'asc' },
  );
}
