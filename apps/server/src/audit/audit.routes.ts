import type { Static } from '@sinclair/typebox';
import { AuditPage, AuditQuery, Problem } from '@tessera/api';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { ApiError } from '../errors/api-error';
import { refuseUnstorableInput } from '../http/storable-input.hook';
import { requireAdmin } from '../org/admin-guard';
import { type AuditCursor, type AuditRow, queryAuditEvents } from './audit-events.query';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GET /api/audit: who did what, when — newest first, filtered, keyset-paginated (admins). */
export async function auditRoutes(app: FastifyInstance, deps: { db: Kysely<any> }): Promise<void> {
  const { db } = deps;
  refuseUnstorableInput(app);
  app.get<{ Querystring: Static<typeof AuditQuery> }>(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first (admin)',
        description:
          'Logins and failed logins, logouts, record changes (with every changed field old → new), form publishes ' +
          'and purges, users, departments and role members changed, packs applied. Pages with `next` → `cursor`.',
        querystring: AuditQuery,
        response: { 200: AuditPage, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (request) => {
      await requireAdmin(request, 'audit.read');
      const q = request.query;
      const limit = q.limit ?? 50;
      const rows = await queryAuditEvents(db, {
        action: q.action,
        ...(q.actor ? (UUID.test(q.actor) ? { actorId: q.actor } : { actorName: q.actor }) : {}),
        targetType: q.targetType,
        targetId: q.targetId,
        app: q.app,
        form: q.form,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        after: q.cursor ? decodeCursor(q.cursor) : undefined,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(toEntry),
        next: rows.length > limit && last ? encodeCursor([last.atText, last.source, last.key]) : null,
      };
    },
  );
}

function toEntry(r: AuditRow) {
  return {
    id: `${r.source}-${r.key.replace(/^0+(?=\d)/, '')}`,
    at: r.at.toISOString(),
    action: r.action,
    actor: r.actorId || r.actorName ? { id: r.actorId, username: r.actorName } : null,
    target: r.targetType ? { type: r.targetType, id: r.targetId } : null,
    app: r.app,
    form: r.form,
    ip: r.ip,
    detail: r.detail,
  };
}

const encodeCursor = (cursor: AuditCursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeCursor(text: string): AuditCursor {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      typeof value[0] === 'string' &&
      !Number.isNaN(Date.parse(value[0])) &&
      ['a', 'r', 'f'].includes(value[1]) &&
      typeof value[2] === 'string'
    )
      return value as unknown as AuditCursor;
  } catch {
    // fall through
  }
  throw ApiError.validation([{ path: 'querystring/cursor', message: 'is not a cursor this API returned' }]);
}
