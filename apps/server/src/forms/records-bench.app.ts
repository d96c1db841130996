import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { registerAuth } from '../auth/auth.plugin';
import { authRoutes } from '../auth/auth.routes';
import { registerProblemHandler } from '../errors/problem-handler';
import { engineCheckedCompilers } from '../http/engine-checked.compilers';
import { registerOpenApi } from '../http/openapi';
import { formsApi } from './forms.plugin';

/**
 * The HTTP stack of `buildApp` (problem handler, helmet, cookie sessions with CSRF, OpenAPI) with
 * only the auth and forms routes — for bench/records-api.bench.ts, which adds its hand-written
 * baseline route to the same instance so both routes pay for the same stack.
 */
export async function buildRecordsBenchApp(db: Kysely<any>): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array' } },
    schemaController: { compilersFactory: engineCheckedCompilers() },
  });
  registerProblemHandler(app);
  await app.register(helmet, { global: true });
  await app.register(cookie);
  await registerOpenApi(app, 'bench');
  registerAuth(app, { db, sessionTtlHours: 24 });
  await app.register(authRoutes, { db, sessionTtlHours: 24, cookieSecure: 'false' });
  await app.register(formsApi, { db, timeZone: 'UTC' });
  return app;
}
