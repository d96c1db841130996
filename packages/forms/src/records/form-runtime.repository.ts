import type { FormDefinition } from '@tessera/schema';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { cachedRuntime, type FormRuntime, formRuntime } from './form-runtime';
import { RecordsError } from './records.error';

interface PublishedRow {
  app_id: string;
  form_id: string;
  form_key: string;
  version_id: string;
  version: number;
  fp: string;
}

/**
 * The published state of an app as one short string: its `published_stamp`, which a trigger on
 * tessera.forms changes with every publish, purge or deleted form (migration 0114), in the
 * changing transaction. Writes put `stamp = <this>` into their own statement (or their first
 * locked select), reads select it next to the rows: a runtime cached by this process — or by
 * another server process that has not seen a publish yet — is detected in the same round trip,
 * never trusted. One primary-key read (an md5 over the app's forms cost more than a record read).
 */
export function appFingerprintSql(appId: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`(select fp.published_stamp::text from tessera.apps fp where fp.id = ${appId})`;
}

/** Thrown when a statement finds that the runtime it was built from is no longer the published one. */
export class StaleRuntimeError extends Error {
  constructor(readonly appKey: string) {
    super(`the published forms of app ${appKey} changed meanwhile`);
  }
}

/** Throws StaleRuntimeError when `fingerprint` (read by a statement) is not the runtime's. */
export function assertFresh(runtime: FormRuntime, fingerprint: unknown): void {
  if (runtime.app && fingerprint !== runtime.app.fingerprint) throw new StaleRuntimeError(runtime.appKey);
}

/** Per database handle (not per transaction): app key → its published runtimes. */
const snapshots = new WeakMap<Kysely<any>, Map<string, Promise<AppSnapshot>>>();
/** Transactions the records service opened itself on a handle: they may use its cache. */
const roots = new WeakMap<Kysely<any>, Kysely<any>>();

interface AppSnapshot {
  readonly forms: ReadonlyMap<string, FormRuntime>;
}

/**
 * Undefined column/table, type mismatch: what a statement built from an outdated runtime meets;
 * 0A000: a prepared statement whose table another process changed ("cached plan must not change
 * result type") — the reloaded runtime's statement has a text of its own (statement-template).
 */
const SCHEMA_ERRORS = new Set(['42703', '42P01', '42804', '42883', '0A000']);

/**
 * Runs `run` once more with freshly loaded runtimes when it found its cached ones outdated (the
 * fingerprint check of a statement, or a statement that met a column a publish renamed). Only
 * on a handle outside any caller's transaction: a failed statement there aborts the caller's.
 * A refusal of the records engine itself (a field the cached version lacks, a value its options
 * do not allow) is decided before any statement could notice: when the app's published stamp
 * moved since `app` was cached, the refusal is of an old version and the call runs again.
 */
export async function withFreshRuntimes<T>(db: Kysely<any>, app: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (error instanceof StaleRuntimeError) forgetApp(db, error.appKey);
    else if (!db.isTransaction && typeof code === 'string' && SCHEMA_ERRORS.has(code)) snapshots.delete(db);
    else if (error instanceof RecordsError && (await cachedAppIsStale(db, app))) forgetApp(db, app);
    else throw error;
    return run();
  }
}

/** Whether the runtimes cached for `app` on this handle were built before its latest publish. */
async function cachedAppIsStale(db: Kysely<any>, app: string): Promise<boolean> {
  const snapshot = await cacheOf(db)
    ?.get(app)
    ?.catch(() => undefined);
  const cached = snapshot?.forms.values().next().value?.app?.fingerprint;
  if (cached === undefined) return false;
  const result = await sql<{ fp: string }>`
    select published_stamp::text as fp from tessera.apps where key = ${app}`.execute(db);
  return result.rows[0]?.fp !== cached;
}

/**
 * Lets a transaction the records service opened itself on `db` use `db`'s cache: every statement
 * in it still checks the fingerprint. A caller's transaction is never adopted (it may hold an
 * uncommitted publish of its own), so it loads runtimes with a query.
 */
export function adoptTransaction(trx: Kysely<any>, db: Kysely<any>): void {
  if (!db.isTransaction) roots.set(trx, db);
}

/** Drops the cached runtimes of an app (after a statement reported them stale). */
export function forgetApp(db: Kysely<any>, appKey: string): void {
  cacheOf(db)?.delete(appKey);
}

/**
 * The published version of a form as a runtime. Outside a transaction it comes from the
 * process cache (no query at all once loaded; freshness is checked by the statement that uses
 * it). `lock`: FOR SHARE on the form's metadata row, so a publish (which locks it FOR UPDATE)
 * cannot change the table while this write transaction runs; only on a transaction handle.
 */
export async function loadRuntime(
  db: Kysely<any>,
  appKey: string,
  formKey: string,
  lock = false,
): Promise<FormRuntime> {
  if (lock) {
    const rows = await publishedRows(db, appKey, sql`and f.key = ${formKey} for share of f`);
    const runtime = (await toRuntimes(db, appKey, rows))[0];
    if (!runtime) throw notPublished(appKey, formKey);
    return runtime;
  }
  let found = (await appSnapshot(db, appKey)).forms.get(formKey);
  if (!found && cacheOf(db)) {
    forgetApp(db, appKey); // published by another process since we cached the app?
    found = (await appSnapshot(db, appKey)).forms.get(formKey);
  }
  if (!found) throw notPublished(appKey, formKey);
  return found;
}

/** Every published form of an app (for rollups over reverse links), in key order. */
export async function loadAppRuntimes(db: Kysely<any>, appKey: string): Promise<FormRuntime[]> {
  return [...(await appSnapshot(db, appKey)).forms.values()];
}

function cacheOf(handle: Kysely<any>): Map<string, Promise<AppSnapshot>> | undefined {
  const db = roots.get(handle) ?? handle;
  if (db.isTransaction) return undefined; // a caller's transaction may see its own, uncommitted publish
  let cache = snapshots.get(db);
  if (!cache) {
    cache = new Map();
    snapshots.set(db, cache);
  }
  return cache;
}

function appSnapshot(db: Kysely<any>, appKey: string): Promise<AppSnapshot> {
  const cache = cacheOf(db);
  const cached = cache?.get(appKey);
  if (cached) return cached;
  const loading = publishedRows(db, appKey, sql`order by f.key`).then(async (rows) => {
    const runtimes = await toRuntimes(db, appKey, rows);
    return { forms: new Map(runtimes.map((r) => [r.definition.key, r])) };
  });
  if (cache) {
    cache.set(appKey, loading);
    loading.catch(() => cache.delete(appKey));
  }
  return loading;
}

async function publishedRows(
  db: Kysely<any>,
  appKey: string,
  tail: RawBuilder<unknown>,
): Promise<PublishedRow[]> {
  const result = await sql<PublishedRow>`
    select a.id as app_id, f.id as form_id, f.key as form_key, v.id as version_id, v.version,
      ${appFingerprintSql(sql`a.id`)} as fp
    from tessera.forms f
    join tessera.apps a on a.id = f.app_id
    join tessera.form_versions v on v.form_id = f.id and v.status = 'published'
    where a.key = ${appKey} ${tail}`.execute(db);
  return result.rows;
}

async function toRuntimes(
  db: Kysely<any>,
  appKey: string,
  rows: readonly PublishedRow[],
): Promise<FormRuntime[]> {
  const missing = rows.filter((r) => !cachedRuntime(r.version_id)).map((r) => r.version_id);
  const definitions = new Map<string, FormDefinition>();
  if (missing.length > 0) {
    const r = await sql<{ id: string; definition: FormDefinition | string }>`
      select id, definition from tessera.form_versions where id = any(${missing}::uuid[])`.execute(db);
    for (const d of r.rows) {
      definitions.set(
        d.id,
        typeof d.definition === 'string' ? (JSON.parse(d.definition) as FormDefinition) : d.definition,
      );
    }
  }
  return rows.map((row) => {
    const runtime =
      cachedRuntime(row.version_id) ??
      formRuntime({
        appKey,
        formId: row.form_id,
        versionId: row.version_id,
        version: Number(row.version),
        definition: definitions.get(row.version_id)!,
      });
    return { ...runtime, app: { id: row.app_id, fingerprint: row.fp } };
  });
}

function notPublished(appKey: string, formKey: string): RecordsError {
  return new RecordsError('FORM_NOT_PUBLISHED', `App ${appKey} has no published form ${formKey}.`);
}
