import type { BpmnDirectory } from '@tessera/flows';
import { type Kysely, sql } from 'kysely';

/**
 * Who a diagram's names can map onto when it is imported into an app: the app's roles (key and
 * titles), the departments, the active users, and the user / department fields of the form the
 * flow runs on (its published version). Read-only; the import itself stays pure.
 */
export async function readBpmnDirectory(
  db: Kysely<any>,
  app: string,
  form: string | undefined,
): Promise<BpmnDirectory> {
  const roles = await sql<{ key: string; title: Record<string, string> | null }>`
    select role_key as key, definition -> 'title' as title from tessera.app_roles where app_key = ${app}
    order by position, role_key`.execute(db);
  const departments = await sql<{ code: string; name: string }>`
    select code, name from tessera.departments order by code`.execute(db);
  const users = await sql<{ username: string; display_name: string }>`
    select username, display_name from tessera.users where status = 'active' order by lower(username)`.execute(
    db,
  );
  const fields = form
    ? await sql<{ key: string }>`
        select f ->> 'key' as key from tessera.forms fm join tessera.apps a on a.id = fm.app_id
        join tessera.form_versions v on v.form_id = fm.id and v.version = fm.published_version,
        jsonb_array_elements(coalesce(v.definition -> 'fields', '[]'::jsonb)) f
        where a.key = ${app} and fm.key = ${form} and f ->> 'type' in ('user', 'department')`.execute(db)
    : { rows: [] };
  return {
    roles: roles.rows.map((r) => ({ key: r.key, ...(r.title ? { title: r.title } : {}) })),
    departments: departments.rows,
    users: users.rows.map((u) => ({ username: u.username, displayName: u.display_name })),
    fields: fields.rows.map((f) => f.key),
  };
}
