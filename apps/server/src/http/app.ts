import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FileStorage } from '@tessera/files';
import type { Database } from '@tessera/store';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { Kysely } from 'kysely';
import { registerAccess } from '../access/access-context';
import { auditRoutes } from '../audit/audit.routes';
import { registerAuth } from '../auth/auth.plugin';
import { authRoutes } from '../auth/auth.routes';
import { clockRoutes } from '../clock/clock.routes';
import { type Clock, shiftedClock, systemClock } from '../config/clock';
import { type Config, mebibytes, platformTimeZone } from '../config/config';
import { registerProblemHandler } from '../errors/problem-handler';
import { fileStorageFrom } from '../files/file-storage.config';
import { fileRoutes } from '../files/files.routes';
import { flowRoutes } from '../flows/flows.routes';
import { formsRecordGateway } from '../flows/forms-record.gateway';
import { formsApi } from '../forms/forms.plugin';
import { importsApi } from '../imports/imports.plugin';
import { directoryRoutes } from '../org/directory.routes';
import { orgApi } from '../org/org.plugin';
import { packRoutes } from '../packs/packs.routes';
import { printRoutes } from '../print/print.routes';
import { reportRoutes } from '../reports/reports.routes';
import { registerReportsDatabase } from '../reports/reports-database';
import { notificationRoutes } from '../rules/notifications.routes';
import { ruleRoutes } from '../rules/rules.routes';
import { VERSION } from '../version';
import { savedViewRoutes } from '../views/saved-views.routes';
import { DEFAULT_WEB_ROOT, webAppRoutes } from '../web/web-app.routes';
import { engineCheckedCompilers } from './engine-checked.compilers';
import { healthRoutes } from './health.routes';
import { registerJsonBodyParser } from './json-body.parser';
import { registerOpenApi } from './openapi';
import { trackRequestActivity } from './request-activity';

export interface AppDeps {
  readonly config: Config;
  readonly db: Kysely<any>;
  /** The database's connections, for streaming CSV imports into their staging table with COPY. */
  readonly pool?: Database['pool'];
  readonly databaseKind: 'pglite' | 'postgres';
  /** The embedded database's busy probe (`Database.busyForMs`), for /api/health. */
  readonly databaseBusyForMs?: () => number | undefined;
  /** pino options, or false for tests. */
  readonly logger?: boolean | object;
  /**
   * The time every engine reads (default: the system clock, or with TESSERA_CLOCK=movable a shifted
   * one); tests move it. With TESSERA_CLOCK=movable an admin moves a movable one through the API.
   */
  readonly clock?: Clock;
  /** The built web app to serve at `/` (default apps/web/dist; false: none, as in most tests). */
  readonly webRoot?: string | false;
  /** Where attachment bytes live (default: what the configuration selects). */
  readonly fileStorage?: FileStorage;
}

/** The HTTP API: every route is a thin adapter over an engine's service; no business logic here. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db } = deps;
  const app = Fastify({
    logger: deps.logger ?? { level: config.LOG_LEVEL },
    trustProxy: config.TRUST_PROXY,
    // every request is logged only when debugging; errors are always logged by the problem handler
    logController: new LogController({
      disableRequestLogging: config.LOG_LEVEL !== 'debug' && config.LOG_LEVEL !== 'trace',
    }),
    bodyLimit: mebibytes(config.TESSERA_MAX_JSON_BODY_MB),
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array' } },
    schemaController: { compilersFactory: engineCheckedCompilers() },
  });
  registerProblemHandler(app);
  registerJsonBodyParser(app, config.TESSERA_MAX_JSON_DEPTH);
  trackRequestActivity(app);
  // no upgrade-insecure-requests: on a plain-http intranet address it would break every asset load;
  // frame-src blob: lets the print preview frame the PDF the page fetched (an object URL)
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      directives: { upgradeInsecureRequests: null, frameSrc: ["'self'", 'blob:'] },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await registerOpenApi(app, VERSION);
  registerAuth(app, { db, sessionTtlHours: config.SESSION_TTL_HOURS });
  registerAccess(app, { db });

  const reportsDatabase = registerReportsDatabase(app, config);
  await app.register(healthRoutes, {
    db,
    kind: deps.databaseKind,
    version: VERSION,
    ...(reportsDatabase ? { reports: reportsDatabase } : {}),
    ...(deps.databaseBusyForMs ? { busyForMs: deps.databaseBusyForMs } : {}),
  });
  const timeZone = platformTimeZone(config);
  await app.register(authRoutes, {
    db,
    timeZone,
    sessionTtlHours: config.SESSION_TTL_HOURS,
    cookieSecure: config.COOKIE_SECURE,
    loginLimits: {
      perClient: config.TESSERA_LOGIN_FAILURES_PER_CLIENT,
      perUser: config.TESSERA_LOGIN_FAILURES_PER_USER,
      windowMinutes: config.TESSERA_LOGIN_WINDOW_MINUTES,
      slowdownMs: config.TESSERA_LOGIN_SLOWDOWN_MS,
    },
  });
  const clock = deps.clock ?? (config.TESSERA_CLOCK === 'movable' ? shiftedClock() : systemClock);
  await app.register(ruleRoutes, { db, timeZone, clock });
  await app.register(notificationRoutes, { db, clock });
  await app.register(flowRoutes, {
    db,
    clock,
    timeZone,
    smtpConfigured: Boolean(config.SMTP_URL),
    records: formsRecordGateway({ timeZone, clock }),
  });
  await app.register(formsApi, { db, timeZone, clock });
  const fileStorage = deps.fileStorage ?? fileStorageFrom(config);
  await app.register(savedViewRoutes, { db, clock });
  await app.register(printRoutes, { db, timeZone, clock, files: fileStorage });
  await app.register(importsApi, {
    ...(deps.pool ? { pool: deps.pool } : {}),
    db,
    timeZone,
    clock,
    maxBytes: mebibytes(config.TESSERA_MAX_IMPORT_MB),
    ...(config.TESSERA_UPLOAD_DIR ? { spoolDir: join(config.TESSERA_UPLOAD_DIR, 'imports') } : {}),
  });
  await app.register(reportRoutes, {
    db,
    timeZone,
    clock,
    timeoutMs: config.TESSERA_REPORT_TIMEOUT_MS,
    limits: {
      maxJoins: config.TESSERA_REPORT_MAX_JOINS,
      maxFanOutJoins: config.TESSERA_REPORT_MAX_FAN_OUT_JOINS,
      maxFilterDepth: config.TESSERA_REPORT_MAX_FILTER_DEPTH,
      maxCost: config.TESSERA_REPORT_MAX_COST,
    },
    ...(reportsDatabase ? { readDb: reportsDatabase.db } : {}),
  });
  await app.register(fileRoutes, {
    db,
    storage: fileStorage,
    maxBytes: mebibytes(config.TESSERA_MAX_FILE_MB),
    spoolDir: config.TESSERA_UPLOAD_DIR
      ? join(config.TESSERA_UPLOAD_DIR, 'files')
      : join(tmpdir(), 'tessera-files'),
    clock,
    timeZone,
  });
  await app.register(packRoutes, {
    db,
    clock,
    timeZone,
    maxBytes: mebibytes(config.TESSERA_MAX_PACK_MB),
    files: fileStorage,
  });
  await app.register(orgApi, { db });
  await app.register(auditRoutes, { db });
  await app.register(clockRoutes, { db, clock, movable: config.TESSERA_CLOCK === 'movable' });
  await app.register(directoryRoutes, { db });
  if (deps.webRoot !== false) await app.register(webAppRoutes, { root: deps.webRoot ?? DEFAULT_WEB_ROOT });
  return app;
}
