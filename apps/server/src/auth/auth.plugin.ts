import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { ApiError } from '../errors/api-error';
import { findSession, type Session } from './session.store';

export const SESSION_COOKIE = 'tessera_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's session; null only on routes marked `config: { public: true }`. */
    session: Session | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (health, login, the API docs). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route requires a session unless it says `public`. Cookie sessions also need the
 * session's CSRF token in the `X-CSRF-Token` header on every state-changing request: another
 * site can make the browser send the cookie, but it cannot read the token.
 */
export function registerAuth(app: FastifyInstance, deps: { db: Kysely<any>; sessionTtlHours: number }): void {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.session = (await findSession(deps.db, token, deps.sessionTtlHours)) ?? null;
    if (request.routeOptions.config?.public) return;
    if (!request.session) throw ApiError.unauthenticated();
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== request.session.csrfToken) {
      throw new ApiError('CSRF_FAILED', `Send the session's CSRF token in the ${CSRF_HEADER} header.`);
    }
  });
}

/** The session of a route that requires one (the hook above guarantees it). */
export function sessionOf(request: FastifyRequest): Session {
  if (!request.session) throw ApiError.unauthenticated();
  return request.session;
}
