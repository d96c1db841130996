import type { Assignee, Recipient } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import { readPath } from '../core/record-template';
import { FlowError } from './flow.error';

export interface AssigneeScope {
  readonly initiatorId: string | null;
  readonly record: Readonly<Record<string, unknown>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PHONE = /^\+?\d[\d\s-]{4,}\d$/;

/** Active users matching ids or user names (a record's user field may hold either). */
async function usersByRef(executor: Kysely<any>, refs: readonly unknown[]): Promise<string[]> {
  const values = refs.flat().filter((v): v is string => typeof v === 'string' && v !== '');
  if (values.length === 0) return [];
  const ids = values.filter((v) => UUID.test(v));
  const names = values.map((v) => v.toLowerCase());
  const rows = await sql<{ id: string }>`
    select id from tessera.users where status = 'active'
    and (id = any(${ids}::uuid[]) or lower(username) = any(${names}::text[]))`.execute(executor);
  return rows.rows.map((r) => r.id);
}

/**
 * The people a task is handed to by hand (transfer, 加签, 抄送) must be active users: an unknown
 * or disabled id would strand the approval with nobody able to act. Refuses with every bad id's
 * path in the action's input (`userIds/1`).
 */
export async function assertActiveUsers(executor: Kysely<any>, userIds: readonly string[]): Promise<void> {
  const ids = userIds.filter((id) => UUID.test(id));
  const rows =
    ids.length === 0
      ? { rows: [] }
      : await sql<{ id: string }>`select id from tessera.users
          where status = 'active' and id = any(${ids}::uuid[])`.execute(executor);
  const active = new Set(rows.rows.map((r) => String(r.id).toLowerCase()));
  const errors = userIds.flatMap((id, i) =>
    active.has(id.toLowerCase()) ? [] : [{ path: `userIds/${i}`, message: 'is not an active user' }],
  );
  if (errors.length > 0)
    throw new FlowError(
      'USER_NOT_ACTIVE',
      'A task can only be handed to an active user; nothing was changed.',
      errors,
    );
}

/** The manager of a user: the direct manager, else the nearest department manager up the tree. */
async function managerOf(executor: Kysely<any>, userId: string): Promise<string | null> {
  const rows = await sql<{ manager_id: string | null }>`
    with recursive chain(id, manager_id, parent_id, depth) as (
      select d.id, d.manager_id, d.parent_id, 0 from tessera.user_org o
      join tessera.departments d on d.id = o.department_id where o.user_id = ${userId}
      union all
      select d.id, d.manager_id, d.parent_id, c.depth + 1 from chain c
      join tessera.departments d on d.id = c.parent_id where c.depth < 20
    )
    select manager_id from (
      select o.manager_id, -1 as depth from tessera.user_org o where o.user_id = ${userId} and o.manager_id is not null
      union all
      select manager_id, depth from chain where manager_id is not null and manager_id <> ${userId}
    ) m order by depth limit 1`.execute(executor);
  return rows.rows[0]?.manager_id ?? null;
}

async function resolveOne(
  executor: Kysely<any>,
  assignee: Assignee,
  scope: AssigneeScope,
): Promise<string[]> {
  switch (assignee.kind) {
    case 'user':
      return usersByRef(executor, [assignee.user]);
    case 'role': {
      const rows = await sql<{ id: string }>`
        select u.id from tessera.role_members m join tessera.users u on u.id = m.user_id
        where m.role = ${assignee.role} and u.status = 'active' order by u.username`.execute(executor);
      return rows.rows.map((r) => r.id);
    }
    case 'department': {
      const rows = assignee.managerOnly
        ? await sql<{ id: string }>`
            select u.id from tessera.departments d join tessera.users u on u.id = d.manager_id
            where d.code = ${assignee.department} and u.status = 'active'`.execute(executor)
        : await sql<{ id: string }>`
            select u.id from tessera.departments d join tessera.user_org o on o.department_id = d.id
            join tessera.users u on u.id = o.user_id
            where d.code = ${assignee.department} and u.status = 'active' order by u.username`.execute(
            executor,
          );
      return rows.rows.map((r) => r.id);
    }
    case 'field': {
      const value = readPath(scope.record, assignee.field);
      return usersByRef(executor, Array.isArray(value) ? value : [value]);
    }
    case 'manager': {
      const of = assignee.of ?? 'initiator';
      const [from] =
        of === 'initiator'
          ? scope.initiatorId
            ? [scope.initiatorId]
            : []
          : await usersByRef(executor, [readPath(scope.record, of)]);
      let current: string | null = from ?? null;
      for (let level = 0; level < (assignee.level ?? 1) && current; level++)
        current = await managerOf(executor, current);
      return current ? usersByRef(executor, [current]) : [];
    }
    case 'initiator':
      return scope.initiatorId ? usersByRef(executor, [scope.initiatorId]) : [];
    default: {
      const never: never = assignee;
      throw new Error(`unknown assignee ${JSON.stringify(never)}`);
    }
  }
}

/** The users an assignee list names, without duplicates, in the order given. */
export async function resolveAssignees(
  executor: Kysely<any>,
  assignees: readonly Assignee[],
  scope: AssigneeScope,
): Promise<string[]> {
  const out: string[] = [];
  for (const assignee of assignees) {
    for (const id of await resolveOne(executor, assignee, scope)) if (!out.includes(id)) out.push(id);
  }
  return out;
}

export async function resolveAdmins(executor: Kysely<any>): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    select id from tessera.users where is_admin and status = 'active' order by username`.execute(executor);
  return rows.rows.map((r) => r.id);
}

/** Recipients of a message: users, plus literal addresses (e-mail, phone) — given, or held by a record field. */
export async function resolveRecipients(
  executor: Kysely<any>,
  recipients: readonly Recipient[],
  scope: AssigneeScope,
): Promise<{ userIds: string[]; addresses: string[] }> {
  // A record field may hold an address instead of a user (a receiving phone, a customer e-mail).
  const fieldAddresses = recipients.flatMap((r) => {
    if (r.kind !== 'field') return [];
    const value = readPath(scope.record, r.field);
    return (Array.isArray(value) ? value : [value]).filter(
      (v): v is string => typeof v === 'string' && (EMAIL.test(v.trim()) || PHONE.test(v.trim())),
    );
  });
  const addresses = [
    ...new Set([...recipients.flatMap((r) => (r.kind === 'address' ? [r.address] : [])), ...fieldAddresses]),
  ];
  const assignees = recipients.filter((r): r is Assignee => r.kind !== 'address');
  return { userIds: await resolveAssignees(executor, assignees, scope), addresses };
}
