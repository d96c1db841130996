import type { Recipient } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import { valueAt } from '../eval/path-value';
import { RulesError } from '../rules.error';

export interface RecipientUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly locale: string;
}

export interface RecipientAddress {
  readonly address: string;
  readonly name?: string | undefined;
}

export interface ResolvedRecipients {
  readonly users: readonly RecipientUser[];
  /** Literal e-mail addresses / phone numbers (from `address` or from a text field). */
  readonly addresses: readonly RecipientAddress[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who a to-do or message goes to, through the org model of migration 0200 (shared with the flow
 * engine): roles via `tessera.role_members`, departments via `tessera.departments` /
 * `tessera.user_org`, managers up the chain. A record field holds a user id, or an e-mail
 * address / phone number.
 */
export async function resolveRecipients(
  db: Kysely<any>,
  recipients: readonly Recipient[],
  data: unknown,
  actorId: string | null,
): Promise<ResolvedRecipients> {
  const userIds = new Set<string>();
  const usernames = new Set<string>();
  const roles = new Set<string>();
  const addresses: RecipientAddress[] = [];
  const departments: string[] = [];
  const departmentManagers: string[] = [];
  for (const r of recipients) {
    switch (r.kind) {
      case 'user':
        usernames.add(r.user.toLowerCase());
        break;
      case 'role':
        roles.add(r.role);
        break;
      case 'initiator':
        if (actorId) userIds.add(actorId);
        break;
      case 'address':
        addresses.push({ address: r.address, name: r.name?.en ?? r.name?.['zh-CN'] });
        break;
      case 'field': {
        const raw = valueAt(data, r.field);
        for (const v of Array.isArray(raw) ? raw : [raw]) {
          const value = typeof v === 'object' && v !== null ? (v as { id?: unknown }).id : v;
          if (typeof value !== 'string' || value === '') continue;
          if (UUID.test(value)) userIds.add(value);
          else addresses.push({ address: value });
        }
        break;
      }
      case 'department':
        (r.managerOnly === true ? departmentManagers : departments).push(r.department);
        break;
      case 'manager': {
        const of = r.of === undefined || r.of === 'initiator' ? actorId : userIdIn(valueAt(data, r.of));
        if (!of)
          throw new RulesError(
            'RECIPIENT_UNSUPPORTED',
            `no user to find the manager of (${r.of ?? 'initiator'})`,
          );
        const manager = await managerOf(db, of, r.level ?? 1);
        if (manager) userIds.add(manager);
        break;
      }
      default:
        return assertNever(r);
    }
  }
  const users = await sql<{
    id: string;
    username: string;
    display_name: string;
    email: string | null;
    locale: string;
  }>`
    select distinct u.id, u.username, u.display_name, u.email, u.locale from tessera.users u
    where u.status = 'active' and (
      u.id::text = any(${[...userIds]}::text[])
      or lower(u.username) = any(${[...usernames]}::text[])
      or u.id in (select m.user_id from tessera.role_members m where m.role = any(${[...roles]}::text[]))
      or u.id in (select o.user_id from tessera.user_org o join tessera.departments d on d.id = o.department_id
                  where d.code = any(${departments}::text[]))
      or u.id in (select d.manager_id from tessera.departments d where d.code = any(${departmentManagers}::text[])))
    order by u.username`.execute(db);
  return {
    users: users.rows.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      email: u.email,
      locale: u.locale,
    })),
    addresses,
  };
}

function userIdIn(value: unknown): string | null {
  const v = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : value;
  return typeof v === 'string' && UUID.test(v) ? v : null;
}

/**
 * The manager `level` steps up from a user: the user's direct manager, else their department's
 * manager — or, for the department's own manager, the parent department's manager.
 */
async function managerOf(db: Kysely<any>, userId: string, level: number): Promise<string | null> {
  let current: string | null = userId;
  for (let i = 0; i < level && current; i++) {
    const r: { rows: { manager: string | null }[] } = await sql<{ manager: string | null }>`
      select coalesce(o.manager_id,
        case when d.manager_id = o.user_id then (select p.manager_id from tessera.departments p where p.id = d.parent_id)
             else d.manager_id end) as manager
      from tessera.user_org o left join tessera.departments d on d.id = o.department_id
      where o.user_id = ${current}`.execute(db);
    current = r.rows[0]?.manager ?? null;
  }
  return current;
}

function assertNever(value: never): never {
  throw new Error(`Unexpected recipient: ${JSON.stringify(value)}`);
}
