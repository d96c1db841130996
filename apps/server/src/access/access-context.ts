import { type AccessCache, createAccessCache } from '@tessera/access';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';

declare module 'fastify' {
  interface FastifyInstance {
    /** The database `authorize` resolves roles from, and its short-lived cache (see registerAccess). */
    access: { readonly db: Kysely<any>; readonly cache: AccessCache };
  }
}

/**
 * Gives `authorize` its database and a cache of resolved access (5 s): a list walked page by page
 * resolves the user's roles once. Whoever changes roles, memberships or departments in this
 * process calls `app.access.cache.clear()`; other processes see the change within the TTL.
 */
export function registerAccess(app: FastifyInstance, deps: { db: Kysely<any>; ttlMs?: number }): void {
  const cache = createAccessCache({ ttlMs: deps.ttlMs ?? 5_000 });
  app.decorate('access', { db: deps.db, cache });
  // Organisation and pack changes (roles, members, departments) take effect at once here.
  app.addHook('onResponse', async (request) => {
    if (request.method !== 'GET' && changesAccess.has(request)) cache.clear();
  });
}

/** Requests that were authorised to change who may do what (see `authorize`). */
export const changesAccess = new WeakSet<FastifyRequest>();
