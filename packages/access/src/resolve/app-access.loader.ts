import type { RoleDefinition } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import type { AppAccess } from '../model/form-access';
import { resolveAppAccess } from './grants.resolver';

/**
 * Loads what a user may do in an app (I/O, one round trip; a second only when a role scopes
 * by department tree): the user's admin flag, department and role memberships, and the
 * definitions of the app's roles they hold (`tessera.app_roles` ⋈ `tessera.role_members`).
 * An unknown user resolves to no access at all.
 */
export async function loadAppAccess(db: Kysely<any>, userId: string, app: string): Promise<AppAccess> {
  const result = await sql<{
    is_admin: boolean | null;
    department_id: string | null;
    roles: string[] | string | null;
    definitions: RoleDefinition[] | string | null;
  }>`select
      (select u.is_admin from tessera.users u where u.id = ${userId}::uuid) as is_admin,
      (select uo.department_id from tessera.user_org uo where uo.user_id = ${userId}::uuid) as department_id,
      (select json_agg(m.role order by m.role) from tessera.role_members m where m.user_id = ${userId}::uuid) as roles,
      (select json_agg(r.definition order by r.position, r.role_key)
         from tessera.app_roles r
         join tessera.role_members m on m.role = r.role_key and m.user_id = ${userId}::uuid
        where r.app_key = ${app}) as definitions`.execute(db);
  const row = result.rows[0];
  const definitions = parsed<RoleDefinition[]>(row?.definitions) ?? [];
  const departmentId = row?.department_id ?? null;
  const needsTree = definitions.some((role) =>
    Object.values(role.forms ?? {}).some(
      (g) =>
        g.scope?.type === 'department_tree' || (g.scope?.type === 'filter' && mentionsTree(g.scope.filter)),
    ),
  );
  const departmentTree =
    departmentId && needsTree ? await subtree(db, departmentId) : departmentId ? [departmentId] : [];
  return resolveAppAccess({
    app,
    isAdmin: row?.is_admin === true,
    roles: definitions,
    user: { id: userId, departmentId, departmentTree, roles: parsed<string[]>(row?.roles) ?? [] },
  });
}

/** A department and every department below it (UNION stops on a cycle). */
async function subtree(db: Kysely<any>, departmentId: string): Promise<string[]> {
  const result = await sql<{ id: string }>`with recursive tree(id) as (
      select ${departmentId}::uuid
      union
      select d.id from tessera.departments d join tree t on d.parent_id = t.id)
    select id from tree order by id`.execute(db);
  return result.rows.map((r) => String(r.id));
}

function mentionsTree(filter: unknown): boolean {
  return JSON.stringify(filter ?? null).includes('$user.department_tree');
}

function parsed<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
