import { appStatisticsObject } from '@tessera/forms';
import type { FormDefinition } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import type { ReportCatalog } from '../model/report-context';

/** The published definitions of an app's forms: what report queries compile against. */
export async function loadCatalog(db: Kysely<any>, appKey: string): Promise<ReportCatalog | null> {
  // with the names of the app schema's analyzed statistics objects (pg_stats_ext shows the
  // objects of tables the user may read, and only once ANALYZE has built them)
  const app = await sql<{ id: string; statistics: string[] }>`
    select id, array(select statistics_name::text from pg_stats_ext
                     where statistics_schemaname = ${appStatisticsObject(appKey, '').schema} and n_distinct is not null) as statistics
    from tessera.apps where key = ${appKey}`.execute(db);
  if (app.rows.length === 0) return null;
  const rows = await sql<{ key: string; definition: FormDefinition }>`
    select f.key, v.definition from tessera.forms f
    join tessera.form_versions v on v.form_id = f.id and v.status = 'published'
    where f.app_id = ${app.rows[0]!.id}`.execute(db);
  return {
    appKey,
    forms: Object.fromEntries(rows.rows.map((r) => [r.key, r.definition])),
    statistics: new Set(app.rows[0]!.statistics),
  };
}

export type DefinitionTable = 'reports' | 'dashboards';

export interface StoredDefinition<T> {
  readonly version: number;
  readonly definition: T;
  readonly updatedAt: string;
}

const TABLES: Record<DefinitionTable, ReturnType<typeof sql.raw>> = {
  reports: sql.raw('tessera.reports'),
  dashboards: sql.raw('tessera.dashboards'),
};

export async function findDefinition<T>(
  db: Kysely<any>,
  table: DefinitionTable,
  appKey: string,
  key: string,
): Promise<StoredDefinition<T> | null> {
  const r = await sql<{ version: number; definition: T; updated_at: Date }>`
    select d.version, d.definition, d.updated_at from ${TABLES[table]} d join tessera.apps a on a.id = d.app_id
    where a.key = ${appKey} and d.key = ${key}`.execute(db);
  const row = r.rows[0];
  return row
    ? { version: Number(row.version), definition: row.definition, updatedAt: row.updated_at.toISOString() }
    : null;
}

export type SaveOutcome =
  | { readonly ok: true; readonly version: number }
  | { readonly ok: false; readonly reason: 'no_app' | 'stale' };

/**
 * Inserts a definition or replaces it, raising its version by one. With `expectedVersion`, the
 * replace only happens when the stored version still is that one (optimistic locking).
 */
export async function upsertDefinition(
  db: Kysely<any>,
  table: DefinitionTable,
  input: {
    appKey: string;
    key: string;
    definition: unknown;
    actorId: string | null;
    at: Date;
    expectedVersion?: number;
  },
): Promise<SaveOutcome> {
  const app = await sql<{ id: string }>`select id from tessera.apps where key = ${input.appKey}`.execute(db);
  const appId = app.rows[0]?.id;
  if (!appId) return { ok: false, reason: 'no_app' };
  const json = JSON.stringify(input.definition);
  const guard =
    input.expectedVersion === undefined ? sql`` : sql` where d.version = ${input.expectedVersion}`;
  const r = await sql<{ version: number }>`
    insert into ${TABLES[table]} as d (app_id, key, definition, created_at, created_by, updated_at, updated_by)
    values (${appId}, ${input.key}, ${json}::jsonb, ${input.at}, ${input.actorId}, ${input.at}, ${input.actorId})
    on conflict (app_id, key) do update set definition = excluded.definition, version = d.version + 1,
      updated_at = excluded.updated_at, updated_by = excluded.updated_by${guard}
    returning d.version`.execute(db);
  const row = r.rows[0];
  return row ? { ok: true, version: Number(row.version) } : { ok: false, reason: 'stale' };
}

export type SaveResult =
  | { readonly ok: true; readonly version: number }
  | { readonly ok: false; readonly errors: readonly { path: string; message: string }[] };

/** `upsertDefinition` with its refusals as the validation errors the services return. */
export async function saveDefinition(
  db: Kysely<any>,
  table: DefinitionTable,
  input: Parameters<typeof upsertDefinition>[2],
): Promise<SaveResult> {
  const saved = await upsertDefinition(db, table, input);
  if (saved.ok) return saved;
  const noun = table === 'reports' ? 'report' : 'dashboard';
  const message = saved.reason === 'stale' ? `the ${noun} was changed meanwhile` : 'no such app';
  return { ok: false, errors: [{ path: '', message }] };
}

export interface ListedDefinition<T> extends StoredDefinition<T> {
  readonly key: string;
}

/** Every stored definition of an app, by key. */
export async function listDefinitions<T>(
  db: Kysely<any>,
  table: DefinitionTable,
  appKey: string,
): Promise<ListedDefinition<T>[]> {
  const r = await sql<{ key: string; version: number; definition: T; updated_at: Date }>`
    select d.key, d.version, d.definition, d.updated_at from ${TABLES[table]} d join tessera.apps a on a.id = d.app_id
    where a.key = ${appKey} order by d.key`.execute(db);
  return r.rows.map((row) => ({
    key: row.key,
    version: Number(row.version),
    definition: row.definition,
    updatedAt: row.updated_at.toISOString(),
  }));
}
