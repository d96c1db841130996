import { type Static, Type } from '@sinclair/typebox';
import {
  MailOutboxOut,
  MailQuery,
  MessageListOut,
  MessageQuery,
  MessageRequeuedOut,
  NotificationIdParams,
  NotificationListOut,
  NotificationListQuery,
  Problem,
} from '@tessera/api';
import {
  listMail,
  listMessages,
  listNotifications,
  markNotificationDone,
  requeueMessage,
} from '@tessera/rules';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/audit-log';
import { sessionOf } from '../auth/auth.plugin';
import { type Clock, systemClock } from '../config/clock';
import { ApiError } from '../errors/api-error';

/** Each user's own notifications and to-dos; the mail outbox (all of it for admins, their own mail for others); the message outbox for admins. */
export async function notificationRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<any>; clock?: Clock },
): Promise<void> {
  const { db } = deps;
  const clock = deps.clock ?? systemClock;
  app.get<{ Querystring: Static<typeof NotificationListQuery> }>(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: "The caller's notifications and to-dos (open by default), newest first",
        querystring: NotificationListQuery,
        response: { 200: NotificationListOut, 401: Problem },
      },
    },
    async (request) => ({ items: await listNotifications(db, sessionOf(request).user.id, request.query) }),
  );

  app.post<{ Params: Static<typeof NotificationIdParams> }>(
    '/api/notifications/:id/done',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of your notifications / to-dos done',
        params: NotificationIdParams,
        response: { 204: Type.Null(), 404: Problem },
      },
    },
    async (request, reply) => {
      const done = await markNotificationDone(db, sessionOf(request).user.id, request.params.id, clock.now());
      if (!done) throw ApiError.notFound('No such notification of yours.');
      return reply.status(204).send();
    },
  );

  app.get<{ Querystring: Static<typeof MailQuery> }>(
    '/api/mail-outbox',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'E-mails the engine wrote (held when SMTP_URL is unset), newest first — every mail for admins, the mails to their own address for others',
        querystring: MailQuery,
        response: {
          200: MailOutboxOut,
          401: Problem,
        },
      },
    },
    async (request) => {
      const { user } = sessionOf(request);
      if (user.isAdmin) return { items: await listMail(db, request.query), scope: 'all' as const };
      // a user without an address has no mail; mail to others' addresses is theirs to read
      if (!user.email) return { items: [], scope: 'mine' as const };
      return { items: await listMail(db, { ...request.query, to: user.email }), scope: 'mine' as const };
    },
  );

  app.get<{ Querystring: Static<typeof MessageQuery> }>(
    '/api/message-outbox',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'IM robot and SMS messages of rules and flows (held when the messenger is not configured; dead after retries), newest first — admins only',
        querystring: MessageQuery,
        response: { 200: MessageListOut, 403: Problem },
      },
    },
    async (request) => {
      if (!sessionOf(request).user.isAdmin) throw ApiError.forbidden();
      const { app: appKey, ...rest } = request.query;
      return { items: await listMessages(db, { ...rest, ...(appKey ? { appKey } : {}) }) };
    },
  );

  app.post<{ Params: Static<typeof NotificationIdParams> }>(
    '/api/message-outbox/:id/requeue',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'Send a held or dead IM / SMS message again (admins; audited as message.requeued): queued with a fresh count of attempts',
        params: NotificationIdParams,
        response: {
          200: MessageRequeuedOut,
          403: Problem,
          404: Problem,
          409: Problem,
        },
      },
    },
    async (request) => {
      const { user } = sessionOf(request);
      if (!user.isAdmin) throw ApiError.forbidden('Only administrators re-queue messages.');
      const { id } = request.params;
      await db.transaction().execute(async (trx) => {
        const result = await requeueMessage(trx, id);
        if (!result.ok && result.reason === 'not_found') throw ApiError.notFound('No such message.');
        if (!result.ok)
          throw new ApiError(
            'CONFLICT',
            `The message is ${result.status}: only held or dead messages are re-queued.`,
          );
        await writeAudit(trx, {
          action: 'message.requeued',
          actorId: user.id,
          actorName: user.username,
          targetType: 'message',
          targetId: String(id),
          ip: request.ip,
          detail: {
            app: result.appKey,
            messenger: result.messengerKey,
            vendor: result.vendor,
            was: result.was.status,
            attempts: result.was.attempts,
            lastError: result.was.lastError,
          },
        });
      });
      return { id, status: 'queued' as const };
    },
  );
}
