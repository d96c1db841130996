import type { OrgUser } from '@tessera/api';
import { type Kysely, type RawBuilder, sql } from 'kysely';

export interface UserFilter {
  readonly ids?: readonly string[];
  readonly q?: string;
  readonly department?: string;
  readonly role?: string;
  readonly status?: 'active' | 'disabled';
  /** Lower-cased user name of the last row of the previous page. */
  readonly after?: string;
  readonly limit?: number;
}

interface Row {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  mobile: string | null;
  im_ids: Record<string, string> | null;
  is_admin: boolean;
  status: 'active' | 'disabled';
  locale: string;
  created_at: Date;
  last_login_at: Date | null;
  dept_id: string | null;
  dept_code: string | null;
  dept_name: string | null;
  mgr_id: string | null;
  mgr_username: string | null;
  mgr_name: string | null;
  eff_id: string | null;
  eff_username: string | null;
  eff_name: string | null;
  roles: string[] | null;
}

/**
 * Users with their organisation: department, direct manager, the effective manager (the direct
 * one, else the nearest department manager up the tree who is not the user — the same rule the
 * flow engine's "manager" assignee follows) and role keys. Ordered by user name.
 */
export async function readOrgUsers(db: Kysely<any>, filter: UserFilter): Promise<OrgUser[]> {
  const where: RawBuilder<unknown>[] = [sql`true`];
  if (filter.ids) where.push(sql`u.id = any(${filter.ids as string[]}::uuid[])`);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      sql`(lower(u.username) like ${like} or lower(u.display_name) like ${like} or lower(coalesce(u.email, '')) like ${like})`,
    );
  }
  if (filter.department) where.push(sql`o.department_id = ${filter.department}::uuid`);
  if (filter.role)
    where.push(
      sql`exists (select 1 from tessera.role_members r where r.user_id = u.id and r.role = ${filter.role})`,
    );
  if (filter.status) where.push(sql`u.status = ${filter.status}`);
  if (filter.after !== undefined) where.push(sql`lower(u.username) > ${filter.after}`);
  const limit = filter.limit === undefined ? sql`` : sql`limit ${filter.limit}`;
  const result = await sql<Row>`
    select u.id, u.username, u.display_name, u.email, u.mobile, u.im_ids, u.is_admin, u.status, u.locale, u.created_at, u.last_login_at,
      d.id as dept_id, d.code as dept_code, d.name as dept_name,
      m.id as mgr_id, m.username as mgr_username, m.display_name as mgr_name,
      e.id as eff_id, e.username as eff_username, e.display_name as eff_name,
      (select array_agg(r.role order by r.role) from tessera.role_members r where r.user_id = u.id) as roles
    from tessera.users u
    left join tessera.user_org o on o.user_id = u.id
    left join tessera.departments d on d.id = o.department_id
    left join tessera.users m on m.id = o.manager_id
    left join lateral (
      with recursive chain(id, manager_id, parent_id, depth) as (
        select d0.id, d0.manager_id, d0.parent_id, 0 from tessera.departments d0 where d0.id = o.department_id
        union all
        select p.id, p.manager_id, p.parent_id, c.depth + 1 from chain c
        join tessera.departments p on p.id = c.parent_id where c.depth < 20
      )
      select manager_id from chain where manager_id is not null and manager_id <> u.id order by depth limit 1
    ) dm on true
    left join tessera.users e on e.id = coalesce(o.manager_id, dm.manager_id)
    where ${sql.join(where, sql` and `)}
    order by lower(u.username)
    ${limit}`.execute(db);
  return result.rows.map(toOrgUser);
}

export async function readOrgUser(db: Kysely<any>, id: string): Promise<OrgUser | undefined> {
  return (await readOrgUsers(db, { ids: [id] }))[0];
}

const ref = (id: string | null, username: string | null, displayName: string | null) =>
  id ? { id, username: username!, displayName: displayName! } : null;

function toOrgUser(r: Row): OrgUser {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    email: r.email,
    mobile: r.mobile,
    imIds: r.im_ids ?? {},
    isAdmin: r.is_admin,
    status: r.status,
    locale: r.locale,
    department: r.dept_id ? { id: r.dept_id, code: r.dept_code!, name: r.dept_name! } : null,
    manager: ref(r.mgr_id, r.mgr_username, r.mgr_name),
    effectiveManager: ref(r.eff_id, r.eff_username, r.eff_name),
    roles: r.roles ?? [],
    createdAt: new Date(r.created_at).toISOString(),
    lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
  };
}
