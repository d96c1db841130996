import { type Kysely, sql } from 'kysely';
import { hashPassword, passwordProblems } from './password';

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly isAdmin: boolean;
  readonly locale: string;
}

export interface UserRow extends User {
  readonly passwordHash: string;
  readonly status: 'active' | 'disabled';
}

export interface NewUser {
  readonly username: string;
  readonly password: string;
  readonly displayName?: string;
  readonly email?: string | null;
  readonly isAdmin?: boolean;
  readonly locale?: string;
}

export type CreateUserResult =
  | { ok: true; user: User }
  | { ok: false; errors: { path: string; message: string }[] };

const USERNAME = /^[A-Za-z0-9_.@-]{2,64}$/;

const columns = [
  'id',
  'username',
  'display_name as displayName',
  'email',
  'is_admin as isAdmin',
  'locale',
  'password_hash as passwordHash',
  'status',
] as const;

export async function findUserByUsername(db: Kysely<any>, username: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('tessera.users')
    .select(columns)
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst() as Promise<UserRow | undefined>;
}

export async function countUsers(db: Kysely<any>): Promise<number> {
  const row = await db
    .selectFrom('tessera.users')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function createUser(db: Kysely<any>, input: NewUser): Promise<CreateUserResult> {
  const errors: { path: string; message: string }[] = [];
  if (!USERNAME.test(input.username))
    errors.push({ path: '/username', message: 'must be 2–64 letters, digits or . _ @ -' });
  for (const message of await passwordProblems(input.password, input.username))
    errors.push({ path: '/password', message });
  if (errors.length > 0) return { ok: false, errors };
  if (await findUserByUsername(db, input.username))
    return {
      ok: false,
      errors: [{ path: '/username', message: `the user name '${input.username}' is taken` }],
    };
  const row = await db
    .insertInto('tessera.users')
    .values({
      username: input.username,
      display_name: input.displayName ?? input.username,
      email: input.email ?? null,
      password_hash: await hashPassword(input.password),
      is_admin: input.isAdmin ?? false,
      locale: input.locale ?? 'en',
    })
    .returning(columns.slice(0, 6))
    .executeTakeFirstOrThrow();
  return { ok: true, user: row as User };
}

export function publicUser(row: UserRow | User): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    isAdmin: row.isAdmin,
    locale: row.locale,
  };
}

/**
 * Stores a new password hash and ends the user's sessions but `keep` (the session that made the
 * change, when the user changes their own password or an administrator resets their own).
 */
export async function storePassword(
  trx: Kysely<any>,
  userId: string,
  passwordHash: string,
  keep?: string,
): Promise<void> {
  await trx
    .updateTable('tessera.users')
    .set({ password_hash: passwordHash, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
  let ending = trx.deleteFrom('tessera.sessions').where('user_id', '=', userId);
  if (keep) ending = ending.where('token_hash', '<>', keep);
  await ending.execute();
}
