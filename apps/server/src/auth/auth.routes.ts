// the route-level `rateLimit` option's type comes with the plugin
import type {} from '@fastify/rate-limit';
import { type Static, Type } from '@sinclair/typebox';
import { LoginBody, MePatch, Problem } from '@tessera/api';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/audit-log';
import { DEFAULT_TIME_ZONE } from '../config/config';
import { ApiError } from '../errors/api-error';
import { readOrgUser } from '../org/org-user.reader';
import { SESSION_COOKIE, sessionOf } from './auth.plugin';
import { DEFAULT_LOGIN_LIMITS, decideLogin, type LoginLimits, recentLoginFailures } from './login-throttle';
import { dummyPasswordHash, verifyPassword } from './password';
import { passwordRoutes } from './password.routes';
import { createSession, deleteSession, hashToken, type Session } from './session.store';
import { findUserByUsername, publicUser } from './user.store';

export interface AuthRouteDeps {
  readonly db: Kysely<any>;
  readonly sessionTtlHours: number;
  readonly cookieSecure: 'auto' | 'true' | 'false';
  readonly loginLimits?: LoginLimits;
  /** The platform's zone, told to the web app (default Asia/Shanghai, as TESSERA_TIME_ZONE). */
  readonly timeZone?: string;
}

export async function authRoutes(app: FastifyInstance, deps: AuthRouteDeps): Promise<void> {
  const { db } = deps;
  const timeZone = deps.timeZone ?? DEFAULT_TIME_ZONE;
  const limits = deps.loginLimits ?? DEFAULT_LOGIN_LIMITS;
  await passwordRoutes(app, { db, limits });

  app.post<{ Body: Static<typeof LoginBody> }>(
    '/api/auth/login',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Log in; sets the session cookie and returns the CSRF token',
        body: LoginBody,
        response: { 200: { $ref: 'SessionInfo#' }, 401: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const key = username.toLowerCase();
      const decision = decideLogin(
        await recentLoginFailures(db, key, request.ip, limits.windowMinutes),
        limits,
        new Date(),
      );
      if (decision.kind === 'refuse') {
        reply.header('retry-after', String(decision.retryAfterSeconds));
        throw new ApiError(
          'RATE_LIMITED',
          `Too many failed logins from here; try again in ${Math.ceil(decision.retryAfterSeconds / 60)} minutes.`,
        );
      }
      if (decision.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
      const user = await findUserByUsername(db, username);
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
      if (!user || !ok || user.status !== 'active') {
        await writeAudit(db, {
          action: 'auth.login_failed',
          targetType: 'user',
          targetId: key,
          ip: request.ip,
          // for the administrator reading the log; the client gets the same answer either way
          detail: { username, reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'disabled' },
        });
        throw new ApiError('INVALID_CREDENTIALS', 'Wrong user name or password.');
      }
      // Rotate: a session id known before login (fixation) never becomes an authenticated one.
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await deleteSession(db, hashToken(previous));
      const { token, csrfToken } = await createSession(db, user.id, deps.sessionTtlHours, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      await db
        .updateTable('tessera.users')
        .set({ last_login_at: new Date() })
        .where('id', '=', user.id)
        .execute();
      await writeAudit(db, {
        action: 'auth.login',
        actorId: user.id,
        actorName: user.username,
        targetType: 'user',
        targetId: key,
        ip: request.ip,
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.cookieSecure === 'auto' ? request.protocol === 'https' : deps.cookieSecure === 'true',
        maxAge: deps.sessionTtlHours * 3600,
      });
      return { user: publicUser(user), csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the current session', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const session = sessionOf(request);
      await deleteSession(db, session.tokenHash);
      await writeAudit(db, {
        action: 'auth.logout',
        actorId: session.user.id,
        actorName: session.user.username,
        targetType: 'user',
        targetId: session.user.username.toLowerCase(),
        ip: request.ip,
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary:
          'The logged-in user (with department, manager and roles) and the CSRF token to send with changes',
        response: { 200: { $ref: 'MeInfo#' }, 401: Problem },
      },
    },
    async (request) => meInfo(db, sessionOf(request), timeZone),
  );

  app.patch<{ Body: Static<typeof MePatch> }>(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: "Change the logged-in user's own preferences (the UI language)",
        body: MePatch,
        response: { 200: { $ref: 'MeInfo#' }, 400: Problem, 401: Problem },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      // only the caller's own row: the id comes from the session, never from the request
      await db
        .updateTable('tessera.users')
        .set({ locale: request.body.locale })
        .where('id', '=', session.user.id)
        .execute();
      return meInfo(db, { ...session, user: { ...session.user, locale: request.body.locale } }, timeZone);
    },
  );
}

async function meInfo(db: Kysely<any>, session: Session, timeZone: string) {
  const org = await readOrgUser(db, session.user.id);
  return {
    user: {
      ...session.user,
      department: org?.department ?? null,
      manager: org?.effectiveManager ?? null,
      roles: org?.roles ?? [],
    },
    csrfToken: session.csrfToken,
    timeZone,
  };
}
