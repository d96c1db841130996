import { type Static, Type } from '@sinclair/typebox';
import { PasswordChange, Problem } from '@tessera/api';
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { writeAudit } from '../audit/audit-log';
import { ApiError } from '../errors/api-error';
import { sessionOf } from './auth.plugin';
import type { LoginLimits } from './login-throttle';
import { hashPassword, passwordProblems, verifyPassword } from './password';
import { findUserByUsername, storePassword } from './user.store';

/**
 * `POST /api/auth/password`: a user changes their own password — with the current one (a
 * session left open on a shared computer is not enough), under the password policy, ending
 * every other session of theirs. Wrong current passwords count like failed logins: past the
 * per-client limit within the window the route answers 429.
 */
export async function passwordRoutes(
  app: FastifyInstance,
  deps: { readonly db: Kysely<any>; readonly limits: LoginLimits },
): Promise<void> {
  const { db, limits } = deps;
  app.post<{ Body: Static<typeof PasswordChange> }>(
    '/api/auth/password',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Change my own password (with the current one); ends my other sessions',
        body: PasswordChange,
        response: { 204: Type.Null(), 400: Problem, 401: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      const { id, username } = session.user;
      if ((await recentWrongPasswords(db, id, limits.windowMinutes)) >= limits.perClient)
        throw new ApiError(
          'RATE_LIMITED',
          `Too many wrong passwords; try again in ${limits.windowMinutes} minutes.`,
        );
      const user = await findUserByUsername(db, username);
      const { currentPassword, newPassword } = request.body;
      if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
        await writeAudit(db, {
          action: 'auth.password_change_failed',
          actorId: id,
          actorName: username,
          targetType: 'user',
          targetId: id,
          ip: request.ip,
        });
        throw ApiError.validation(
          [{ path: '/currentPassword', message: 'is not your current password' }],
          'Your current password is not right; nothing was changed.',
        );
      }
      const problems = await passwordProblems(newPassword, username);
      if (newPassword === currentPassword) problems.push('must differ from the current password');
      if (problems.length > 0)
        throw ApiError.validation(
          problems.map((message) => ({ path: '/newPassword', message })),
          'The new password does not meet the password policy.',
        );
      const passwordHash = await hashPassword(newPassword);
      await db.transaction().execute(async (trx) => {
        await storePassword(trx, id, passwordHash, session.tokenHash);
        await writeAudit(trx, {
          action: 'auth.password_changed',
          actorId: id,
          actorName: username,
          targetType: 'user',
          targetId: id,
          ip: request.ip,
        });
      });
      return reply.status(204).send();
    },
  );
}

/** Wrong current passwords given to the change route within the window (since the last change). */
async function recentWrongPasswords(db: Kysely<any>, userId: string, windowMinutes: number): Promise<number> {
  const result = await sql<{ n: number | string }>`
    select count(*) as n from tessera.audit_log
    where target_type = 'user' and target_id = ${userId} and action = 'auth.password_change_failed'
      and at > now() - make_interval(mins => ${windowMinutes})
      and at > coalesce((select max(at) from tessera.audit_log where target_type = 'user'
        and target_id = ${userId} and action = 'auth.password_changed'), '-infinity')`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}
