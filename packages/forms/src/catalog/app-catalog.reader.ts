import type { Label } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';

export interface AppSummary {
  readonly key: string;
  readonly title: Label;
  readonly createdAt: string;
}

export interface FormSummary {
  readonly key: string;
  readonly title: Label | null;
  readonly publishedVersion: number | null;
  readonly hasDraft: boolean;
}

/** The installed apps, by key. */
export async function listApps(db: Kysely<any>): Promise<AppSummary[]> {
  const r = await sql<{ key: string; title: Label | string; created_at: Date }>`
    select key, title, created_at from tessera.apps order by key`.execute(db);
  return r.rows.map((row) => ({
    key: row.key,
    title: typeof row.title === 'string' ? (JSON.parse(row.title) as Label) : row.title,
    createdAt: row.created_at.toISOString(),
  }));
}

/** The forms of an app with their published version and title; null when the app does not exist. */
export async function listForms(db: Kysely<any>, appKey: string): Promise<FormSummary[] | null> {
  const app = await sql`select 1 from tessera.apps where key = ${appKey}`.execute(db);
  if (app.rows.length === 0) return null;
  const r = await sql<{
    key: string;
    published_version: number | null;
    title: Label | string | null;
    has_draft: boolean;
  }>`
    select f.key, f.published_version,
           coalesce(p.definition, d.definition) -> 'title' as title,
           d.id is not null as has_draft
    from tessera.forms f join tessera.apps a on a.id = f.app_id
    left join tessera.form_versions p on p.form_id = f.id and p.status = 'published'
    left join tessera.form_versions d on d.form_id = f.id and d.status = 'draft'
    where a.key = ${appKey} order by f.key`.execute(db);
  return r.rows.map((row) => ({
    key: row.key,
    title: typeof row.title === 'string' ? (JSON.parse(row.title) as Label) : row.title,
    publishedVersion: row.published_version === null ? null : Number(row.published_version),
    hasDraft: row.has_draft,
  }));
}
