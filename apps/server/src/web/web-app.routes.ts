import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error';
import { sendProblem } from '../errors/problem-handler';

/** Where `pnpm start` builds the web app (apps/web/dist). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/**
 * The web app at `/`: hashed assets under /assets with immutable caching, index.html (never
 * cached, so a new build is picked up at once) for `/` and every client route — the SPA fallback.
 * The API is untouched: an unknown /api path is still a problem+json 404 (401 without a session).
 * Runs in its own encapsulated context, so its `sendFile` does not clash with the API docs'.
 */
export async function webAppRoutes(app: FastifyInstance, opts: { root: string }): Promise<void> {
  const index = join(opts.root, 'index.html');
  if (!existsSync(index)) {
    app.get('/', { config: { public: true }, schema: { hide: true } }, (_req, reply) =>
      sendProblem(
        reply,
        new ApiError(
          'NOT_FOUND',
          'The web app is not built: run `pnpm start` (it builds it) or `pnpm --filter @tessera/web build`.',
        ),
      ),
    );
    return;
  }
  await app.register(fastifyStatic, { root: opts.root, serve: false });
  let html: string | undefined;
  const sendIndex = (reply: FastifyReply) => {
    html ??= readFileSync(index, 'utf8');
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  };

  app.get('/assets/*', { config: { public: true }, schema: { hide: true } }, (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    return reply.sendFile(join('assets', file), { immutable: true, maxAge: '1y', dotfiles: 'deny' });
  });
  app.get('/', { config: { public: true }, schema: { hide: true } }, (_request, reply) => sendIndex(reply));
  app.get('/*', { config: { public: true }, schema: { hide: true } }, (request: FastifyRequest, reply) => {
    const path = request.url.split('?')[0]!;
    if (path === '/api' || path.startsWith('/api/')) {
      if (!request.session) return sendProblem(reply, ApiError.unauthenticated());
      return sendProblem(reply, ApiError.notFound(`No route ${request.method} ${path}.`));
    }
    return sendIndex(reply);
  });
}
