import { type Kysely, sql } from 'kysely';
import { ApiError, type FieldError } from '../errors/api-error';

/** Who performs an organisation change, for the audit row written in the same transaction. */
export interface OrgActor {
  readonly id: string;
  readonly username: string;
  readonly ip: string;
}

/**
 * Checks that referenced departments and users exist; a missing one is a 400 naming the field,
 * never a foreign-key 500. Returns the department code and user names for the audit detail.
 */
export async function checkRefs(
  db: Kysely<any>,
  refs: { departmentId?: string | null; managerId?: string | null; parentId?: string | null },
): Promise<{ department?: string; manager?: string; parent?: string }> {
  const errors: FieldError[] = [];
  const out: { department?: string; manager?: string; parent?: string } = {};
  for (const [field, id] of [
    ['departmentId', refs.departmentId],
    ['parentId', refs.parentId],
  ] as const) {
    if (!id) continue;
    const row = await sql<{
      code: string;
    }>`select code from tessera.departments where id = ${id}::uuid`.execute(db);
    if (!row.rows[0]) errors.push({ path: `/${field}`, message: 'no such department' });
    else out[field === 'departmentId' ? 'department' : 'parent'] = row.rows[0].code;
  }
  if (refs.managerId) {
    const row = await sql<{ username: string; status: string }>`
      select username, status from tessera.users where id = ${refs.managerId}::uuid`.execute(db);
    if (!row.rows[0]) errors.push({ path: '/managerId', message: 'no such user' });
    else if (row.rows[0].status !== 'active')
      errors.push({ path: '/managerId', message: 'the user is disabled' });
    else out.manager = row.rows[0].username;
  }
  if (errors.length > 0) throw ApiError.validation(errors);
  return out;
}

/** `{ field: { from, to } }` of the fields whose value differs. */
export function changesOf(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = before[key] ?? null;
    if (from !== (to ?? null)) changes[key] = { from, to: to ?? null };
  }
  return changes;
}
