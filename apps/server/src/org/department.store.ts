import type { Department, DepartmentPatch, NewDepartment } from '@tessera/api';
import { type Kysely, sql } from 'kysely';
import { writeAudit } from '../audit/audit-log';
import { ApiError } from '../errors/api-error';
import { changesOf, checkRefs, type OrgActor } from './org-refs.checker';

interface Row {
  id: string;
  code: string;
  name: string;
  parent_id: string | null;
  depth: number;
  mgr_id: string | null;
  mgr_username: string | null;
  mgr_name: string | null;
  members: number;
  children: number;
}

/** The department tree, flattened depth-first (parents before their children, siblings by name). */
export async function listDepartments(db: Kysely<any>, id?: string): Promise<Department[]> {
  const result = await sql<Row>`
    with recursive tree(id, path, depth) as (
      select id, array[lower(name) || ' ' || id::text], 0 from tessera.departments where parent_id is null
      union all
      select d.id, t.path || (lower(d.name) || ' ' || d.id::text), t.depth + 1
      from tessera.departments d join tree t on d.parent_id = t.id where t.depth < 50
    )
    select d.id, d.code, d.name, d.parent_id, t.depth,
      m.id as mgr_id, m.username as mgr_username, m.display_name as mgr_name,
      (select count(*)::int from tessera.user_org o where o.department_id = d.id) as members,
      (select count(*)::int from tessera.departments c where c.parent_id = d.id) as children
    from tree t join tessera.departments d on d.id = t.id
    left join tessera.users m on m.id = d.manager_id
    ${id ? sql`where d.id = ${id}::uuid` : sql``}
    order by t.path`.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    parentId: r.parent_id,
    manager: r.mgr_id ? { id: r.mgr_id, username: r.mgr_username!, displayName: r.mgr_name! } : null,
    depth: r.depth,
    memberCount: r.members,
    childCount: r.children,
  }));
}

/** Tree changes take one lock, so two concurrent moves cannot build a cycle between them. */
const lockTree = (trx: Kysely<any>) =>
  sql`select pg_advisory_xact_lock(hashtext('tessera.org.departments'))`.execute(trx);

async function codeTaken(trx: Kysely<any>, code: string, except?: string): Promise<boolean> {
  const row = await sql`select 1 from tessera.departments where lower(code) = ${code.toLowerCase()}
    ${except ? sql`and id <> ${except}::uuid` : sql``}`.execute(trx);
  return row.rows.length > 0;
}

const taken = (code: string) =>
  new ApiError('CONFLICT', `A department with the code ${code} exists.`, [
    { path: '/code', message: `the code ${code} is taken` },
  ]);

export async function createDepartment(
  db: Kysely<any>,
  input: NewDepartment,
  actor: OrgActor,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await lockTree(trx);
    const names = await checkRefs(trx, { parentId: input.parentId, managerId: input.managerId });
    if (await codeTaken(trx, input.code)) throw taken(input.code);
    const row = await sql<{ id: string }>`insert into tessera.departments (code, name, parent_id, manager_id)
      values (${input.code}, ${input.name}, ${input.parentId ?? null}, ${input.managerId ?? null}) returning id`.execute(
      trx,
    );
    const id = row.rows[0]!.id;
    await writeAudit(trx, {
      action: 'department.created',
      actorId: actor.id,
      actorName: actor.username,
      targetType: 'department',
      targetId: id,
      ip: actor.ip,
      detail: {
        code: input.code,
        name: input.name,
        parent: names.parent ?? null,
        manager: names.manager ?? null,
      },
    });
    return id;
  });
}

export async function updateDepartment(
  db: Kysely<any>,
  id: string,
  patch: DepartmentPatch,
  actor: OrgActor,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockTree(trx);
    const current = (
      await sql<{ code: string; name: string; parent: string | null; manager: string | null }>`
        select d.code, d.name, p.code as parent, m.username as manager from tessera.departments d
        left join tessera.departments p on p.id = d.parent_id
        left join tessera.users m on m.id = d.manager_id where d.id = ${id}::uuid`.execute(trx)
    ).rows[0];
    if (!current) throw ApiError.notFound('No such department.');
    const names = await checkRefs(trx, { parentId: patch.parentId, managerId: patch.managerId });
    if (patch.parentId && (await isInSubtree(trx, patch.parentId, id))) {
      throw new ApiError(
        'DEPARTMENT_CYCLE',
        `Department ${current.code} cannot move under ${names.parent}: that is the department itself or one of its sub-departments.`,
        [{ path: '/parentId', message: 'would make the department its own ancestor' }],
      );
    }
    if (patch.code !== undefined && (await codeTaken(trx, patch.code, id))) throw taken(patch.code);
    const changes = changesOf(current, {
      code: patch.code,
      name: patch.name,
      parent: patch.parentId === undefined ? undefined : (names.parent ?? null),
      manager: patch.managerId === undefined ? undefined : (names.manager ?? null),
    });
    if (Object.keys(changes).length === 0) return;
    const set: Record<string, unknown> = {};
    if (patch.code !== undefined) set.code = patch.code;
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.parentId !== undefined) set.parent_id = patch.parentId;
    if (patch.managerId !== undefined) set.manager_id = patch.managerId;
    await trx.updateTable('tessera.departments').set(set).where('id', '=', id).execute();
    await writeAudit(trx, {
      action: 'department.updated',
      actorId: actor.id,
      actorName: actor.username,
      targetType: 'department',
      targetId: id,
      ip: actor.ip,
      detail: { code: patch.code ?? current.code, changes },
    });
  });
}

/** Whether `candidate` is `root` or lies below it. */
async function isInSubtree(trx: Kysely<any>, candidate: string, root: string): Promise<boolean> {
  const rows = await sql<{ id: string }>`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from tessera.departments where id = ${candidate}::uuid
      union all
      select d.id, d.parent_id, u.depth + 1 from tessera.departments d join up u on d.id = u.parent_id where u.depth < 100
    )
    select id from up where id = ${root}::uuid limit 1`.execute(trx);
  return rows.rows.length > 0;
}

/** Deletes an empty department: members and sub-departments must be moved first, never orphaned silently. */
export async function deleteDepartment(db: Kysely<any>, id: string, actor: OrgActor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockTree(trx);
    const [department] = await listDepartments(trx, id);
    if (!department) throw ApiError.notFound('No such department.');
    if (department.memberCount > 0 || department.childCount > 0) {
      const what = [
        department.memberCount > 0 ? `${department.memberCount} member(s)` : '',
        department.childCount > 0 ? `${department.childCount} sub-department(s)` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      throw new ApiError(
        'DEPARTMENT_NOT_EMPTY',
        `Department ${department.code} still has ${what}; move them to another department first.`,
      );
    }
    await trx.deleteFrom('tessera.departments').where('id', '=', id).execute();
    await writeAudit(trx, {
      action: 'department.deleted',
      actorId: actor.id,
      actorName: actor.username,
      targetType: 'department',
      targetId: id,
      ip: actor.ip,
      detail: { code: department.code, name: department.name },
    });
  });
}
