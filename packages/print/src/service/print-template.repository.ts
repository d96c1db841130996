import type { FormDefinition, PrintTemplateDefinition } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import type { FormCatalog } from '../template/field-path.resolver';

export interface StoredTemplate {
  readonly version: number;
  readonly definition: PrintTemplateDefinition;
  readonly updatedAt: string;
}

const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** The published definitions of an app's forms (null: no such app). */
export async function loadFormCatalog(db: Kysely<any>, app: string): Promise<FormCatalog | null> {
  const found = await sql<{ id: string }>`select id from tessera.apps where key = ${app}`.execute(db);
  const appId = found.rows[0]?.id;
  if (!appId) return null;
  const rows = await sql<{ key: string; definition: unknown }>`
    select f.key, v.definition from tessera.forms f
    join tessera.form_versions v on v.form_id = f.id and v.status = 'published'
    where f.app_id = ${appId}`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [r.key, json<FormDefinition>(r.definition)]));
}

export async function findTemplate(
  db: Kysely<any>,
  app: string,
  key: string,
): Promise<StoredTemplate | null> {
  const r = await sql<{ version: number; definition: unknown; updated_at: Date }>`
    select t.version, t.definition, t.updated_at from tessera.print_templates t
    join tessera.apps a on a.id = t.app_id where a.key = ${app} and t.key = ${key}`.execute(db);
  const row = r.rows[0];
  return row
    ? {
        version: Number(row.version),
        definition: json(row.definition),
        updatedAt: new Date(row.updated_at).toISOString(),
      }
    : null;
}

/** The templates of an app (of one form), by key. */
export async function listTemplates(db: Kysely<any>, app: string, form?: string): Promise<StoredTemplate[]> {
  const r = await sql<{ version: number; definition: unknown; updated_at: Date }>`
    select t.version, t.definition, t.updated_at from tessera.print_templates t
    join tessera.apps a on a.id = t.app_id
    where a.key = ${app} ${form === undefined ? sql`` : sql`and t.form_key = ${form}`}
    order by t.key`.execute(db);
  return r.rows.map((row) => ({
    version: Number(row.version),
    definition: json(row.definition),
    updatedAt: new Date(row.updated_at).toISOString(),
  }));
}

export type UpsertOutcome =
  | { readonly ok: true; readonly version: number }
  | { readonly ok: false; readonly reason: 'no_app' | 'stale' };

/** Inserts or replaces a template (version + 1); with `expectedVersion` only while it is still that one. */
export async function upsertTemplate(
  db: Kysely<any>,
  input: {
    app: string;
    definition: PrintTemplateDefinition;
    actorId: string | null;
    at: Date;
    expectedVersion?: number;
  },
): Promise<UpsertOutcome> {
  const found = await sql<{ id: string }>`select id from tessera.apps where key = ${input.app}`.execute(db);
  const appId = found.rows[0]?.id;
  if (!appId) return { ok: false, reason: 'no_app' };
  const guard =
    input.expectedVersion === undefined ? sql`` : sql` where t.version = ${input.expectedVersion}`;
  const r = await sql<{ version: number }>`
    insert into tessera.print_templates as t (app_id, key, form_key, definition, created_at, created_by, updated_at, updated_by)
    values (${appId}, ${input.definition.key}, ${input.definition.form}, ${JSON.stringify(input.definition)}::jsonb,
            ${input.at}, ${input.actorId}, ${input.at}, ${input.actorId})
    on conflict (app_id, key) do update set definition = excluded.definition, form_key = excluded.form_key,
      version = t.version + 1, updated_at = excluded.updated_at, updated_by = excluded.updated_by${guard}
    returning t.version`.execute(db);
  const row = r.rows[0];
  return row ? { ok: true, version: Number(row.version) } : { ok: false, reason: 'stale' };
}

/** Image assets of an app: name → bytes. */
export async function loadAssets(
  db: Kysely<any>,
  app: string,
  names: readonly string[],
): Promise<Map<string, Buffer>> {
  if (names.length === 0) return new Map();
  const r = await sql<{ name: string; content: Buffer }>`
    select s.name, s.content from tessera.print_assets s join tessera.apps a on a.id = s.app_id
    where a.key = ${app} and s.name = any(${[...names]}::text[])`.execute(db);
  return new Map(r.rows.map((row) => [row.name, Buffer.from(row.content)]));
}

export async function assetNames(db: Kysely<any>, app: string): Promise<Set<string>> {
  const r = await sql<{ name: string }>`
    select s.name from tessera.print_assets s join tessera.apps a on a.id = s.app_id where a.key = ${app}`.execute(
    db,
  );
  return new Set(r.rows.map((row) => row.name));
}

/** Writes image assets (insert or replace by name), e.g. a pack's prints/assets/. */
export async function saveAssets(
  db: Kysely<any>,
  app: string,
  files: readonly { name: string; bytes: Buffer; sha256: string }[],
): Promise<void> {
  for (const f of files) {
    const contentType = f.bytes[0] === 0x89 ? 'image/png' : 'image/jpeg';
    await sql`insert into tessera.print_assets (app_id, name, content_type, content, sha256, updated_at)
      select a.id, ${f.name}, ${contentType}, ${f.bytes}, ${f.sha256}, now() from tessera.apps a where a.key = ${app}
      on conflict (app_id, name) do update set content = excluded.content, content_type = excluded.content_type,
        sha256 = excluded.sha256, updated_at = excluded.updated_at`.execute(db);
  }
}
