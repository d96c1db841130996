import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { registerAuth } from '../auth/auth.plugin';
import { authRoutes } from '../auth/auth.routes';
import type { Config } from '../config/config';
import { registerProblemHandler } from '../errors/problem-handler';
import { VERSION } from '../version';
import { healthRoutes } from './health.routes';
import { registerOpenApi } from './openapi';

export interface AppDeps {
  readonly config: Config;
  readonly db: Kysely<any>;
  readonly databaseKind: 'pglite' | 'postgres';
  /** pino options, or false for tests. */
  readonly logger?: boolean | object;
}

/** The HTTP API: every route is a thin adapter over an engine's service; no business logic here. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db } = deps;
  const app = Fastify({
    logger: deps.logger ?? { level: config.LOG_LEVEL },
    trustProxy: config.TRUST_PROXY,
    disableRequestLogging: config.LOG_LEVEL !== 'debug' && config.LOG_LEVEL !== 'trace',
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array' } },
  });
  registerProblemHandler(app);
  await app.register(helmet, { global: true });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await registerOpenApi(app, VERSION);
  registerAuth(app, { db, sessionTtlHours: config.SESSION_TTL_HOURS });

  await app.register(healthRoutes, { db, kind: deps.databaseKind, version: VERSION });
  await app.register(authRoutes, {
    db,
    sessionTtlHours: config.SESSION_TTL_HOURS,
    cookieSecure: config.COOKIE_SECURE,
  });
  return app;
}
