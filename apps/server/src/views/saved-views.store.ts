import type { ViewSettings } from '@tessera/api';
import { type Kysely, sql } from 'kysely';

/** One saved list view as stored (tessera.saved_views). */
export interface SavedView {
  readonly id: string;
  readonly name: string;
  readonly shared: boolean;
  readonly settings: ViewSettings;
  readonly version: number;
  readonly ownerId: string;
  readonly ownerName: string;
  readonly updatedAt: string;
}

interface Where {
  readonly app: string;
  readonly form: string;
}

const SELECT = sql`select v.id, v.name, v.shared, v.settings, v.version, v.owner_id, v.updated_at,
    u.display_name as owner_name
  from tessera.saved_views v
  join tessera.apps a on a.id = v.app_id
  join tessera.users u on u.id = v.owner_id`;

function toView(r: Record<string, any>): SavedView {
  return {
    id: r.id,
    name: r.name,
    shared: Boolean(r.shared),
    settings: typeof r.settings === 'string' ? JSON.parse(r.settings) : r.settings,
    version: Number(r.version),
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The views `userId` sees on a form: their own and the shared ones, shared first, by name. */
export async function listViews(db: Kysely<any>, at: Where, userId: string): Promise<SavedView[]> {
  const r = await sql<Record<string, any>>`${SELECT}
    where a.key = ${at.app} and v.form_key = ${at.form} and (v.owner_id = ${userId}::uuid or v.shared)
    order by v.shared desc, v.name, v.id`.execute(db);
  return r.rows.map(toView);
}

/** A view of the form that `userId` may see (its own or a shared one), else null. */
export async function findView(
  db: Kysely<any>,
  at: Where,
  id: string,
  userId: string,
): Promise<SavedView | null> {
  const r = await sql<Record<string, any>>`${SELECT}
    where a.key = ${at.app} and v.form_key = ${at.form} and v.id = ${id}::uuid
      and (v.owner_id = ${userId}::uuid or v.shared)`.execute(db);
  return r.rows[0] ? toView(r.rows[0]) : null;
}

export type WriteResult<T> = { ok: true; value: T } | { ok: false; reason: 'name_taken' | 'stale' | 'gone' };

const UNIQUE_VIOLATION = '23505';
const isNameTaken = (error: unknown) => (error as { code?: string }).code === UNIQUE_VIOLATION;

export async function insertView(
  db: Kysely<any>,
  at: Where,
  view: { ownerId: string; name: string; shared: boolean; settings: ViewSettings; at: Date },
): Promise<WriteResult<string>> {
  try {
    const r = await sql<{ id: string }>`insert into tessera.saved_views
        (app_id, form_key, owner_id, name, shared, settings, created_at, updated_at)
      select a.id, ${at.form}, ${view.ownerId}::uuid, ${view.name}, ${view.shared},
        ${JSON.stringify(view.settings)}::jsonb, ${view.at}, ${view.at}
      from tessera.apps a where a.key = ${at.app}
      returning id`.execute(db);
    return r.rows[0] ? { ok: true, value: r.rows[0].id } : { ok: false, reason: 'gone' };
  } catch (error) {
    if (isNameTaken(error)) return { ok: false, reason: 'name_taken' };
    throw error;
  }
}

/** Changes a view if it is still at `version` (optimistic locking); the new version. */
export async function updateView(
  db: Kysely<any>,
  id: string,
  change: {
    version: number;
    name?: string;
    shared?: boolean;
    settings?: ViewSettings;
    at: Date;
  },
): Promise<WriteResult<number>> {
  try {
    const r = await sql<{ version: number }>`update tessera.saved_views set
        name = coalesce(${change.name ?? null}::text, name),
        shared = coalesce(${change.shared ?? null}::boolean, shared),
        settings = coalesce(${change.settings ? JSON.stringify(change.settings) : null}::jsonb, settings),
        version = version + 1,
        updated_at = ${change.at}
      where id = ${id}::uuid and version = ${change.version}
      returning version`.execute(db);
    return r.rows[0] ? { ok: true, value: Number(r.rows[0].version) } : { ok: false, reason: 'stale' };
  } catch (error) {
    if (isNameTaken(error)) return { ok: false, reason: 'name_taken' };
    throw error;
  }
}

export async function deleteView(db: Kysely<any>, id: string): Promise<boolean> {
  const r = await sql`delete from tessera.saved_views where id = ${id}::uuid`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}
