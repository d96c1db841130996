import type { AppRole } from '@tessera/api';
import { type Kysely, sql } from 'kysely';
import { writeAudit } from '../audit/audit-log';
import { ApiError } from '../errors/api-error';
import type { OrgActor } from './org-refs.checker';

/**
 * An app's roles as its pack defines them (tessera.app_roles) and their members. Membership is by
 * role key (tessera.role_members), the key flows and rules resolve: a key shared by two apps has
 * one member list.
 */
export async function listAppRoles(
  db: Kysely<any>,
  app: string,
  role?: string,
): Promise<AppRole[] | undefined> {
  const exists = await sql`select 1 from tessera.apps where key = ${app}`.execute(db);
  if (exists.rows.length === 0) return undefined;
  const rows = await sql<{ role_key: string; definition: Record<string, any>; members: number }>`
    select r.role_key, r.definition,
      (select count(*)::int from tessera.role_members m join tessera.users u on u.id = m.user_id
       where m.role = r.role_key and u.status = 'active') as members
    from tessera.app_roles r where r.app_key = ${app} ${role ? sql`and r.role_key = ${role}` : sql``}
    order by r.position, r.role_key`.execute(db);
  return rows.rows.map((r) => ({
    key: r.role_key,
    title: r.definition.title ?? {},
    description: typeof r.definition.description === 'string' ? r.definition.description : null,
    grants: r.definition.forms ?? {},
    memberCount: r.members,
  }));
}

async function requireRole(db: Kysely<any>, app: string, role: string): Promise<void> {
  const roles = await listAppRoles(db, app, role);
  if (!roles) throw ApiError.notFound(`No app ${app}.`);
  if (roles.length === 0) throw ApiError.notFound(`App ${app} has no role ${role}.`);
}

export async function listRoleMembers(
  db: Kysely<any>,
  app: string,
  role: string,
): Promise<{ id: string; username: string; displayName: string; status: string }[]> {
  await requireRole(db, app, role);
  const rows = await sql<{ id: string; username: string; display_name: string; status: string }>`
    select u.id, u.username, u.display_name, u.status from tessera.role_members m
    join tessera.users u on u.id = m.user_id where m.role = ${role} order by lower(u.username)`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    status: r.status,
  }));
}

/** Adds or removes a member; idempotent, and audited only when membership really changed. */
export async function setRoleMember(
  db: Kysely<any>,
  target: { app: string; role: string; userId: string },
  member: boolean,
  actor: OrgActor,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await requireRole(trx, target.app, target.role);
    const user = await trx
      .selectFrom('tessera.users')
      .select('username')
      .where('id', '=', target.userId)
      .executeTakeFirst();
    if (!user) throw ApiError.notFound('No such user.');
    const changed = member
      ? await sql`insert into tessera.role_members (role, user_id) values (${target.role}, ${target.userId})
          on conflict do nothing`.execute(trx)
      : await sql`delete from tessera.role_members where role = ${target.role} and user_id = ${target.userId}::uuid`.execute(
          trx,
        );
    if (Number(changed.numAffectedRows ?? 0) === 0) return;
    await writeAudit(trx, {
      action: member ? 'role.member_added' : 'role.member_removed',
      actorId: actor.id,
      actorName: actor.username,
      targetType: 'role',
      targetId: target.role,
      ip: actor.ip,
      detail: { app: target.app, role: target.role, userId: target.userId, username: user.username },
    });
  });
}
