import { type Static, Type } from '@sinclair/typebox';
import { isTimeZone } from '@tessera/logic/browser';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/** Every setting the server reads from the environment, validated once at start. */
export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'HTTP port' }),
  HOST: Type.String({
    minLength: 1,
    default: 'localhost',
    description: 'interface to listen on (0.0.0.0 for all)',
  }),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^postgres(ql)?://',
      description: 'Postgres server; unset → the embedded PGlite',
    }),
  ),
  REPORTS_DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^postgres(ql)?://',
      description:
        'a read replica of DATABASE_URL that report and dashboard queries run on; unset → DATABASE_URL',
    }),
  ),
  DATA_DIR: Type.String({ minLength: 1, default: './data', description: 'folder of the embedded database' }),
  SMTP_URL: Type.Optional(
    Type.String({ pattern: '^smtps?://', description: 'outgoing mail; unset → in-app outbox' }),
  ),
  TESSERA_MAIL_FROM: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'sender address of rule e-mails (default Tessera <no-reply@tessera.local>)',
    }),
  ),
  TESSERA_MESSAGING_WEBHOOK_URL: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'SMS/IM adapter endpoint for rule messages without a messenger of their own',
    }),
  ),
  TESSERA_MESSAGING_SECRET_ENV: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'the variable holding the HMAC secret that signs TESSERA_MESSAGING_WEBHOOK_URL requests',
    }),
  ),
  SESSION_SECRET: Type.Optional(
    Type.String({
      minLength: 32,
      description: 'signs cookies; unset → generated once and kept in the database',
    }),
  ),
  SESSION_TTL_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 90, default: 24 * 7 }),
  COOKIE_SECURE: Type.Union([Type.Literal('auto'), Type.Literal('true'), Type.Literal('false')], {
    default: 'auto',
  }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  WORKERS: Type.Integer({
    minimum: 0,
    maximum: 64,
    default: 2,
    description: 'job-queue concurrency in this process (0: none)',
  }),
  TRUST_PROXY: Type.Boolean({ default: false }),
  // One zone for every "today" (demo data, date rules, report ranges and buckets, defaults, due
  // dates), independent of the host's zone: the product is made for businesses in China.
  TESSERA_TIME_ZONE: Type.String({
    minLength: 1,
    default: 'Asia/Shanghai',
    description:
      'IANA zone of "today" for demo data, date rules, reports, defaults and due dates (not the host\'s zone)',
  }),
  // A movable clock lets demos and tests show date rules, due times and timers without waiting:
  // an admin moves it forward (POST /api/admin/clock). Never in production (refused at start).
  TESSERA_CLOCK: Type.Union([Type.Literal('system'), Type.Literal('movable')], {
    default: 'system',
    description:
      'system, or movable: the system clock shifted by an offset an admin moves forward through POST /api/admin/clock (demos and tests; refused with NODE_ENV=production)',
  }),
  NODE_ENV: Type.Optional(
    Type.String({
      description: 'production refuses the settings meant for demos and tests (TESSERA_CLOCK=movable)',
    }),
  ),
  TESSERA_DEMO: Type.Boolean({
    default: true,
    description: 'on a database with no pack installed, install the Customer ERP demo (pack, users, data)',
  }),
  TESSERA_DEMO_CUSTOMERS: Type.Integer({
    minimum: 0,
    maximum: 100_000,
    default: 200,
    description: 'customers (with their orders, invoices, tickets…) in the demo data of the first start',
  }),
  TESSERA_DEMO_PACK: Type.Optional(Type.String({ minLength: 1, description: 'the demo pack folder' })),
  // Request body limits (MiB), enforced while a body streams in: a larger body is refused with 413
  // before it is read, or as soon as it passes the limit — never stored in full first.
  TESSERA_MAX_JSON_BODY_MB: Type.Number({
    exclusiveMinimum: 0,
    maximum: 1024,
    default: 1,
    description: 'largest JSON request body (records, bulk writes, report queries)',
  }),
  TESSERA_MAX_JSON_DEPTH: Type.Integer({
    minimum: 8,
    maximum: 1000,
    default: 128,
    description:
      'deepest nesting of objects and arrays in a JSON request body (a deeper one is refused with 400)',
  }),
  TESSERA_MAX_IMPORT_MB: Type.Number({
    exclusiveMinimum: 0,
    maximum: 16384,
    default: 512,
    description: 'largest CSV/XLSX file of a sheet import (raw body or multipart part)',
  }),
  TESSERA_MAX_PACK_MB: Type.Number({
    exclusiveMinimum: 0,
    maximum: 1024,
    default: 20,
    description: 'largest template pack archive (.zip) uploaded to validate, plan or apply',
  }),
  TESSERA_MAX_FILE_MB: Type.Number({
    exclusiveMinimum: 0,
    maximum: 16384,
    default: 100,
    description: 'largest attachment file; a field may set a lower limit (maxFileSizeMb)',
  }),
  TESSERA_UPLOAD_DIR: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'folder where uploads (sheet imports, attachment files) are spooled while checked; unset → the system temp folder',
    }),
  ),
  // Report limits: one report is one statement, and on the embedded database that statement holds
  // the only backend — a report past these is refused (400 REPORT_TOO_COMPLEX) or stopped (503).
  TESSERA_REPORT_MAX_JOINS: Type.Integer({
    minimum: 0,
    maximum: 64,
    default: 8,
    description: 'joins one report query may have (implicit ones through link paths included)',
  }),
  TESSERA_REPORT_MAX_FAN_OUT_JOINS: Type.Integer({
    minimum: 0,
    maximum: 16,
    default: 2,
    description:
      'one-to-many joins (reverse links, line items) one report query may have: their rows multiply (400 REPORT_FAN_OUT)',
  }),
  TESSERA_REPORT_MAX_FILTER_DEPTH: Type.Integer({
    minimum: 1,
    maximum: 256,
    default: 32,
    description: 'nesting depth of a report filter or any other condition of a report query',
  }),
  TESSERA_REPORT_MAX_COST: Type.Number({
    exclusiveMinimum: 0,
    default: 1_000_000,
    description: "the planner's estimated cost (EXPLAIN, not run) above which a report is refused unrun",
  }),
  TESSERA_REPORT_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 3_600_000,
    default: 30_000,
    description: 'how long one report query may run before it is stopped (503 QUERY_TIMEOUT)',
  }),
  TESSERA_SHUTDOWN_TIMEOUT_MS: Type.Integer({
    minimum: 0,
    maximum: 600_000,
    default: 10_000,
    description:
      'how long SIGTERM/SIGINT wait for running requests, jobs and statements before the server closes anyway',
  }),
  // Login throttle: failures count per (user name, client address); see docs/deployment.md.
  TESSERA_LOGIN_FAILURES_PER_CLIENT: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 5,
    description: 'failed logins of one user name from one client address before that pair is refused',
  }),
  TESSERA_LOGIN_FAILURES_PER_USER: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 50,
    description: 'failed logins of one user name from all clients before every attempt on it is slowed',
  }),
  TESSERA_LOGIN_WINDOW_MINUTES: Type.Integer({
    minimum: 1,
    maximum: 1440,
    default: 15,
    description: 'how long a failed login counts',
  }),
  TESSERA_LOGIN_SLOWDOWN_MS: Type.Integer({
    minimum: 0,
    maximum: 60_000,
    default: 1000,
    description: 'the wait of each login attempt past the per-user ceiling',
  }),
  // Attachment files: on disk by default, or an S3-compatible object store that every node shares.
  TESSERA_FILES_STORAGE: Type.Union([Type.Literal('disk'), Type.Literal('s3')], {
    default: 'disk',
    description: 'where attachment files live: disk (TESSERA_FILES_DIR) or s3 (TESSERA_S3_*)',
  }),
  TESSERA_FILES_DIR: Type.Optional(
    Type.String({ minLength: 1, description: 'folder of attachment files on disk; unset → DATA_DIR/files' }),
  ),
  TESSERA_FILE_ORPHAN_HOURS: Type.Number({
    exclusiveMinimum: 0,
    maximum: 24 * 365,
    default: 24,
    description: 'an upload never attached to a record (or removed from one) is deleted after this long',
  }),
  TESSERA_S3_BUCKET: Type.Optional(
    Type.String({ minLength: 3, description: 'the bucket of attachment files' }),
  ),
  TESSERA_S3_ENDPOINT: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: 'an S3-compatible endpoint (MinIO, Ceph, OSS, COS…); unset → AWS S3 of TESSERA_S3_REGION',
    }),
  ),
  TESSERA_S3_REGION: Type.String({ minLength: 1, default: 'us-east-1' }),
  TESSERA_S3_PREFIX: Type.String({
    pattern: '^([A-Za-z0-9!_.*()-]+/)*$',
    default: '',
    description: 'key prefix of every object (ending in /), to share a bucket',
  }),
  TESSERA_S3_FORCE_PATH_STYLE: Type.Boolean({
    default: false,
    description: 'bucket in the path (http://host/bucket/key), as MinIO and most self-hosted stores need',
  }),
  TESSERA_S3_ACCESS_KEY_ID: Type.Optional(Type.String({ minLength: 1 })),
  TESSERA_S3_SECRET_ACCESS_KEY: Type.Optional(Type.String({ minLength: 1 })),
  TESSERA_ADMIN_USER: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.@-]{2,64}$' })),
  TESSERA_ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 1 })),
});

export type Config = Static<typeof ConfigSchema>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

const ajv = new Ajv({ coerceTypes: true, useDefaults: true, allErrors: true, removeAdditional: true });
addFormats.default(ajv);
const check = ajv.compile<Config>(ConfigSchema);
const names = Object.keys(ConfigSchema.properties);

/** Reads the known variables from `env` (empty strings count as unset) and validates them. */
export function loadConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const raw: Record<string, unknown> = {};
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[name] = value;
  }
  const given = { ...raw };
  if (check(raw)) {
    const zone = raw.TESSERA_TIME_ZONE;
    if (!isTimeZone(zone)) {
      return {
        ok: false,
        errors: [`TESSERA_TIME_ZONE is not a known IANA time zone (got ${JSON.stringify(zone)})`],
      };
    }
    if (raw.REPORTS_DATABASE_URL !== undefined && raw.DATABASE_URL === undefined) {
      return {
        ok: false,
        errors: [
          'REPORTS_DATABASE_URL needs DATABASE_URL: a read replica replicates a Postgres server, not the embedded database',
        ],
      };
    }
    if (raw.TESSERA_CLOCK === 'movable' && raw.NODE_ENV === 'production') {
      return {
        ok: false,
        errors: [
          'TESSERA_CLOCK=movable is for demos and tests: a production server (NODE_ENV=production) runs on the system clock',
        ],
      };
    }
    const files = checkFileStorage(raw);
    if (files) return { ok: false, errors: [files] };
    return { ok: true, config: raw };
  }
  const errors = (check.errors ?? []).map((e) => {
    const name = e.instancePath.slice(1) || String(e.params?.missingProperty ?? '');
    const got = name in given ? ` (got ${JSON.stringify(given[name])})` : '';
    return `${name} ${describe(e.keyword, e.params, e.message)}${got}`;
  });
  return { ok: false, errors: [...new Set(errors)] };
}

function describe(keyword: string, params: Record<string, any>, message: string | undefined): string {
  switch (keyword) {
    case 'type':
      return `must be ${params.type === 'integer' ? 'a whole number' : `a ${params.type}`}`;
    case 'minimum':
    case 'maximum':
      return `must be ${keyword === 'minimum' ? '≥' : '≤'} ${params.limit}`;
    case 'exclusiveMinimum':
      return `must be > ${params.limit}`;
    case 'pattern':
      return 'has the wrong format';
    case 'minLength':
      return `must be at least ${params.limit} characters long`;
    default:
      return message ?? 'is invalid';
  }
}

/** S3 storage needs its bucket; keys come both or neither (else the SDK's default chain). */
function checkFileStorage(config: Config): string | undefined {
  if (config.TESSERA_FILES_STORAGE === 's3' && config.TESSERA_S3_BUCKET === undefined)
    return 'TESSERA_FILES_STORAGE=s3 needs TESSERA_S3_BUCKET';
  if ((config.TESSERA_S3_ACCESS_KEY_ID === undefined) !== (config.TESSERA_S3_SECRET_ACCESS_KEY === undefined))
    return 'TESSERA_S3_ACCESS_KEY_ID and TESSERA_S3_SECRET_ACCESS_KEY are set together (or neither: the AWS default credential chain)';
  return undefined;
}

/**
 * The diagnostics switches, read before (and whether or not) the configuration validates, so a
 * bad configuration can still be reported with its stack: TESSERA_DEBUG=1 prints stack traces,
 * TESSERA_TRACE_STARTUP=1 the time of each start-up phase.
 */
export function diagnostics(env: NodeJS.ProcessEnv = process.env): { debug: boolean; traceStartup: boolean } {
  return { debug: Boolean(env.TESSERA_DEBUG), traceStartup: Boolean(env.TESSERA_TRACE_STARTUP) };
}

/** The password of `tessera user add` when `--password` is not given (kept out of the server's Config). */
export function cliPassword(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.TESSERA_PASSWORD || undefined;
}

/** MiB → bytes (the limits are configured in MiB). */
export const mebibytes = (mb: number): number => Math.floor(mb * 1024 * 1024);

/** The zone of "today" when TESSERA_TIME_ZONE is unset. */
export const DEFAULT_TIME_ZONE: string = ConfigSchema.properties.TESSERA_TIME_ZONE.default;

/** The platform's time zone (TESSERA_TIME_ZONE): the same on every node, whatever the host's zone. */
export function platformTimeZone(config: Partial<Pick<Config, 'TESSERA_TIME_ZONE'>>): string {
  return config.TESSERA_TIME_ZONE ?? DEFAULT_TIME_ZONE;
}
