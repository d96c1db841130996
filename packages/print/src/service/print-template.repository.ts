import type { FormDefinition, PrintTemplateDefinition } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import { MAX_PRINT_IMAGE_BYTES, type PrintFileSource, readAll } from '../images/record-image.reader';
import type { FormCatalog } from '../template/field-path.resolver';

export interface StoredTemplate {
  readonly version: number;
  readonly definition: PrintTemplateDefinition;
  readonly updatedAt: string;
  /** The editor's unpublished work, if any: any JSON, checked only when published. */
  readonly draft?: { readonly definition: unknown; readonly updatedAt: string };
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
  const r = await sql<{
    version: number;
    definition: unknown;
    updated_at: Date;
    draft: unknown;
    draft_updated_at: Date | null;
  }>`
    select t.version, t.definition, t.updated_at, t.draft, t.draft_updated_at from tessera.print_templates t
    join tessera.apps a on a.id = t.app_id where a.key = ${app} and t.key = ${key}`.execute(db);
  const row = r.rows[0];
  if (!row) return null;
  return {
    version: Number(row.version),
    definition: json(row.definition),
    updatedAt: new Date(row.updated_at).toISOString(),
    ...(row.draft !== null && row.draft_updated_at
      ? { draft: { definition: json(row.draft), updatedAt: new Date(row.draft_updated_at).toISOString() } }
      : {}),
  };
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

/** Stores (or with `definition` null clears) a template's draft; false when there is no such template. */
export async function writeDraft(
  db: Kysely<any>,
  input: { app: string; key: string; definition: unknown; actorId: string | null; at: Date },
): Promise<boolean> {
  const draft = input.definition === null ? null : JSON.stringify(input.definition);
  const r = await sql`update tessera.print_templates t set draft = ${draft}::jsonb,
      draft_updated_at = ${draft === null ? null : input.at}, draft_updated_by = ${draft === null ? null : input.actorId}
    from tessera.apps a where a.id = t.app_id and a.key = ${input.app} and t.key = ${input.key}`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

/** An image of an app's prints/assets/ as stored: its bytes in the file storage (or inline). */
export interface PrintAssetRow {
  readonly name: string;
  readonly contentType: 'image/png' | 'image/jpeg';
  readonly sha256: string;
  readonly size: number;
  /** Where the bytes are in the file storage; null when they are kept inline (`content`). */
  readonly storageKey: string | null;
  readonly content?: Buffer;
}

/**
 * Image assets of an app: name → bytes, read from the file storage (`files`) or, for a pack
 * applied without one, from the row. A name whose bytes cannot be read is left out: it prints blank.
 */
export async function loadAssets(
  db: Kysely<any>,
  app: string,
  names: readonly string[],
  files?: PrintFileSource,
): Promise<Map<string, Buffer>> {
  if (names.length === 0) return new Map();
  const r = await sql<{ name: string; content: Buffer | null; storage_key: string | null }>`
    select s.name, s.content, s.storage_key from tessera.print_assets s join tessera.apps a on a.id = s.app_id
    where a.key = ${app} and s.name = any(${[...names]}::text[])`.execute(db);
  const out = new Map<string, Buffer>();
  for (const row of r.rows) {
    if (row.content) out.set(row.name, Buffer.from(row.content));
    else if (row.storage_key && files) {
      const bytes = await readAll(await files.get(row.storage_key), MAX_PRINT_IMAGE_BYTES).catch(() => null);
      if (bytes) out.set(row.name, bytes);
    }
  }
  return out;
}

/** The app's assets as stored (name → sha-256 and storage key), to tell what a pack changes. */
export async function storedAssets(db: Kysely<any>, app: string): Promise<Map<string, PrintAssetRow>> {
  const r = await sql<{
    name: string;
    content_type: 'image/png' | 'image/jpeg';
    sha256: string;
    size: number;
    storage_key: string | null;
  }>`select s.name, s.content_type, s.sha256, s.size, s.storage_key from tessera.print_assets s
     join tessera.apps a on a.id = s.app_id where a.key = ${app} order by s.name`.execute(db);
  return new Map(
    r.rows.map((row) => [
      row.name,
      {
        name: row.name,
        contentType: row.content_type,
        sha256: row.sha256,
        size: Number(row.size),
        storageKey: row.storage_key,
      },
    ]),
  );
}

export async function assetNames(db: Kysely<any>, app: string): Promise<Set<string>> {
  return new Set((await storedAssets(db, app)).keys());
}

/** Writes image assets (insert or replace by name), e.g. a pack's prints/assets/. */
export async function saveAssets(
  db: Kysely<any>,
  app: string,
  rows: readonly PrintAssetRow[],
): Promise<void> {
  for (const f of rows) {
    await sql`insert into tessera.print_assets (app_id, name, content_type, content, storage_key, size, sha256, updated_at)
      select a.id, ${f.name}, ${f.contentType}, ${f.content ?? null}, ${f.storageKey}, ${f.size}, ${f.sha256}, now()
      from tessera.apps a where a.key = ${app}
      on conflict (app_id, name) do update set content = excluded.content, storage_key = excluded.storage_key,
        content_type = excluded.content_type, size = excluded.size, sha256 = excluded.sha256,
        updated_at = excluded.updated_at`.execute(db);
  }
}
