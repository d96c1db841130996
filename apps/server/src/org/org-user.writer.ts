import type { NewOrgUser, OrgUserPatch } from '@tessera/api';
import { type Kysely, sql } from 'kysely';
import { writeAudit } from '../audit/audit-log';
import { hashPassword, passwordProblems } from '../auth/password';
import { createUser, storePassword } from '../auth/user.store';
import { ApiError } from '../errors/api-error';
import { changesOf, checkRefs, type OrgActor } from './org-refs.checker';

/**
 * User administration. Each change is one transaction with its audit row; the audit detail names
 * departments by code and managers by user name, so the log reads without joins.
 */
export async function createOrgUser(db: Kysely<any>, input: NewOrgUser, actor: OrgActor): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const names = await checkRefs(trx, { departmentId: input.departmentId, managerId: input.managerId });
    const created = await createUser(trx, {
      username: input.username,
      password: input.password,
      displayName: input.displayName,
      email: input.email ?? null,
      isAdmin: input.isAdmin ?? false,
      locale: input.locale,
    });
    if (!created.ok) throw ApiError.validation(created.errors, 'The user cannot be created.');
    const id = created.user.id;
    if (input.mobile || input.imIds)
      await sql`update tessera.users set mobile = ${input.mobile ?? null},
        im_ids = ${JSON.stringify(input.imIds ?? {})}::jsonb where id = ${id}`.execute(trx);
    if (input.departmentId || input.managerId) {
      await sql`insert into tessera.user_org (user_id, department_id, manager_id)
        values (${id}, ${input.departmentId ?? null}, ${input.managerId ?? null})`.execute(trx);
    }
    await writeAudit(trx, {
      action: 'user.created',
      actorId: actor.id,
      actorName: actor.username,
      targetType: 'user',
      targetId: id,
      ip: actor.ip,
      detail: {
        username: created.user.username,
        isAdmin: created.user.isAdmin,
        department: names.department ?? null,
        manager: names.manager ?? null,
      },
    });
    return id;
  });
}

/** IM ids as one comparable, readable value for the audit's changes ("dingtalk: u1, feishu: ou_2"). */
const imIdsText = (ids: Readonly<Record<string, string | undefined>>) =>
  Object.entries(ids)
    .filter(([, v]) => v)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ') || null;

interface Current {
  username: string;
  display_name: string;
  email: string | null;
  mobile: string | null;
  im_ids: Record<string, string>;
  is_admin: boolean;
  status: 'active' | 'disabled';
  locale: string;
  department_id: string | null;
  department: string | null;
  manager_id: string | null;
  manager: string | null;
}

export async function updateOrgUser(
  db: Kysely<any>,
  id: string,
  patch: OrgUserPatch,
  actor: OrgActor,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Serialises changes that could leave no active administrator.
    await sql`select pg_advisory_xact_lock(hashtext('tessera.org.admins'))`.execute(trx);
    const current = (
      await sql<Current>`
        select u.username, u.display_name, u.email, u.mobile, u.im_ids, u.is_admin, u.status, u.locale,
          o.department_id, d.code as department, o.manager_id, m.username as manager
        from tessera.users u
        left join tessera.user_org o on o.user_id = u.id
        left join tessera.departments d on d.id = o.department_id
        left join tessera.users m on m.id = o.manager_id
        where u.id = ${id}::uuid for update of u`.execute(trx)
    ).rows[0];
    if (!current) throw ApiError.notFound('No such user.');
    if (patch.managerId === id)
      throw ApiError.validation([{ path: '/managerId', message: 'a user cannot be their own manager' }]);
    const names = await checkRefs(trx, { departmentId: patch.departmentId, managerId: patch.managerId });
    const losesAdmin =
      current.is_admin &&
      current.status === 'active' &&
      (patch.isAdmin === false || patch.status === 'disabled');
    if (losesAdmin) {
      const others = await sql<{ n: number }>`select count(*)::int as n from tessera.users
        where is_admin and status = 'active' and id <> ${id}::uuid`.execute(trx);
      if ((others.rows[0]?.n ?? 0) === 0)
        throw new ApiError(
          'LAST_ADMIN',
          'This is the last active administrator; make someone else one first.',
        );
    }

    const changes = changesOf(
      {
        displayName: current.display_name,
        email: current.email,
        mobile: current.mobile,
        imIds: imIdsText(current.im_ids),
        isAdmin: current.is_admin,
        status: current.status,
        locale: current.locale,
        department: current.department,
        manager: current.manager,
      },
      {
        displayName: patch.displayName,
        email: patch.email,
        mobile: patch.mobile,
        imIds: patch.imIds === undefined ? undefined : imIdsText(patch.imIds),
        isAdmin: patch.isAdmin,
        status: patch.status,
        locale: patch.locale,
        department: patch.departmentId === undefined ? undefined : (names.department ?? null),
        manager: patch.managerId === undefined ? undefined : (names.manager ?? null),
      },
    );
    if (Object.keys(changes).length === 0) return;

    const userSet: Record<string, unknown> = {};
    if (patch.displayName !== undefined) userSet.display_name = patch.displayName;
    if (patch.email !== undefined) userSet.email = patch.email;
    if (patch.mobile !== undefined) userSet.mobile = patch.mobile;
    if (patch.imIds !== undefined) userSet.im_ids = JSON.stringify(patch.imIds);
    if (patch.isAdmin !== undefined) userSet.is_admin = patch.isAdmin;
    if (patch.status !== undefined) userSet.status = patch.status;
    if (patch.locale !== undefined) userSet.locale = patch.locale;
    if (Object.keys(userSet).length > 0)
      await trx
        .updateTable('tessera.users')
        .set({ ...userSet, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    if (patch.departmentId !== undefined || patch.managerId !== undefined) {
      const department = patch.departmentId === undefined ? current.department_id : patch.departmentId;
      const manager = patch.managerId === undefined ? current.manager_id : patch.managerId;
      await sql`insert into tessera.user_org (user_id, department_id, manager_id) values (${id}, ${department}, ${manager})
        on conflict (user_id) do update set department_id = excluded.department_id, manager_id = excluded.manager_id`.execute(
        trx,
      );
    }
    // A disabled user is logged out everywhere at once.
    if (patch.status === 'disabled')
      await trx.deleteFrom('tessera.sessions').where('user_id', '=', id).execute();
    await writeAudit(trx, {
      action: 'user.updated',
      actorId: actor.id,
      actorName: actor.username,
      targetType: 'user',
      targetId: id,
      ip: actor.ip,
      detail: { username: current.username, changes },
    });
  });
}

/**
 * Sets a new password under the password policy and ends the user's sessions (an administrator
 * resetting their own password keeps the session they are using).
 */
export async function resetPassword(
  db: Kysely<any>,
  id: string,
  password: string,
  actor: OrgActor & { readonly sessionTokenHash?: string },
): Promise<void> {
  const user = await db
    .selectFrom('tessera.users')
    .select('username')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!user) throw ApiError.notFound('No such user.');
  const problems = await passwordProblems(password, user.username);
  if (problems.length > 0)
    throw ApiError.validation(
      problems.map((message) => ({ path: '/password', message })),
      'The password does not meet the password policy.',
    );
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await storePassword(trx, id, passwordHash, actor.sessionTokenHash);
    await writeAudit(trx, {
      action: 'user.password_reset',
      actorId: actor.id,
      actorName: actor.username,
      targetType: 'user',
      targetId: id,
      ip: actor.ip,
      detail: { username: user.username },
    });
  });
}
