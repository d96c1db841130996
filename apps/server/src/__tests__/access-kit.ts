import type { RoleDefinition } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';

/**
 * Test helpers for access control: install an app role (as a pack apply would, into
 * tessera.app_roles), make users members, and place users in departments.
 */
export async function grantRole(
  db: Kysely<any>,
  app: string,
  role: RoleDefinition,
  usernames: readonly string[],
  position = 0,
): Promise<void> {
  await sql`insert into tessera.app_roles (app_key, role_key, position, definition, updated_at)
    values (${app}, ${role.key}, ${position}, ${JSON.stringify(role)}::jsonb, now())
    on conflict (app_key, role_key) do update set definition = excluded.definition`.execute(db);
  await sql`insert into tessera.role_members (role, user_id)
    select ${role.key}, id from tessera.users where username = any(${[...usernames]}::text[])
    on conflict do nothing`.execute(db);
}

/** A role that may do everything but design on the given forms (for tests about other things). */
export function memberRole(forms: readonly string[], key = 'member'): RoleDefinition {
  const actions = ['create', 'read', 'update', 'delete', 'export', 'import'] as const;
  return {
    key,
    title: { en: key },
    forms: Object.fromEntries(forms.map((f) => [f, { actions: [...actions] }])),
  } as RoleDefinition;
}

/** Departments as `code → parent code`, created in order; returns code → id. */
export async function departments(
  db: Kysely<any>,
  tree: readonly (readonly [code: string, parent: string | null])[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [code, parent] of tree) {
    const r = await sql<{ id: string }>`insert into tessera.departments (code, name, parent_id)
      values (${code}, ${code}, ${parent ? ids.get(parent)! : null}::uuid) returning id`.execute(db);
    ids.set(code, r.rows[0]!.id);
  }
  return ids;
}

export async function placeUser(db: Kysely<any>, username: string, departmentId: string): Promise<void> {
  await sql`insert into tessera.user_org (user_id, department_id)
    select id, ${departmentId}::uuid from tessera.users where username = ${username}
    on conflict (user_id) do update set department_id = excluded.department_id`.execute(db);
}
