import { hash } from '@node-rs/argon2';
import { type Kysely, sql } from 'kysely';
import { DEMO_DEPARTMENTS, DEMO_PASSWORD, DEMO_USERS, type DemoUser } from './demo-users.js';

/** The server's `createUser(db, input)` (apps/server/src/auth/user.store.ts), passed in: packs never import the server. */
export type CreateUserFn = (
  db: Kysely<any>,
  input: { username: string; password: string; displayName: string; isAdmin: boolean },
) => Promise<
  | { readonly ok: true; readonly user: { readonly id: string } }
  | { readonly ok: false; readonly errors: readonly { path: string; message: string }[] }
>;

/** Same argon2id parameters as the server's password hashing (OWASP minimum). */
const hashDemoPassword = (password: string) =>
  hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });

async function findUserId(db: Kysely<any>, username: string): Promise<string | undefined> {
  const r = await sql<{
    id: string;
  }>`select id from tessera.users where lower(username) = ${username.toLowerCase()}`.execute(db);
  return r.rows[0]?.id;
}

async function createDemoUser(db: Kysely<any>, user: DemoUser, createUser?: CreateUserFn): Promise<string> {
  const input = {
    username: user.username,
    password: DEMO_PASSWORD,
    displayName: user.displayName,
    isAdmin: false,
  };
  let id: string;
  if (createUser) {
    const result = await createUser(db, input);
    if (!result.ok)
      throw new Error(`demo user ${user.username}: ${result.errors.map((e) => e.message).join('; ')}`);
    id = result.user.id;
  } else {
    const r = await sql<{ id: string }>`
      insert into tessera.users (username, display_name, password_hash, is_admin)
      values (${user.username}, ${user.displayName}, ${await hashDemoPassword(DEMO_PASSWORD)}, false) returning id`.execute(
      db,
    );
    id = r.rows[0]!.id;
  }
  // an address on the reserved .test domain, so rule and flow e-mails have a recipient to show
  await sql`update tessera.users set email = ${demoEmail(user.username)} where id = ${id}::uuid and email is null`.execute(
    db,
  );
  return id;
}

/** The demo user's e-mail address (never deliverable: `.test` is reserved). */
export const demoEmail = (username: string): string => `${username}@demo.tessera.test`;

/**
 * Creates what is missing of the demo organisation: departments (a tree under "hq", each with its
 * manager), one user per role with the demo password, their role memberships and departments.
 * Existing users are left as they are (their password is never reset). Returns user name → id and
 * the user names created now.
 */
export async function ensureDemoOrg(
  db: Kysely<any>,
  createUser?: CreateUserFn,
): Promise<{ users: ReadonlyMap<string, string>; created: readonly string[] }> {
  const users = new Map<string, string>();
  const created: string[] = [];
  for (const user of DEMO_USERS) {
    let id = await findUserId(db, user.username);
    if (!id) {
      id = await createDemoUser(db, user, createUser);
      created.push(user.username);
    }
    users.set(user.username, id);
  }
  for (const d of DEMO_DEPARTMENTS) {
    await sql`insert into tessera.departments (code, name) values (${d.code}, ${d.name}) on conflict (code) do nothing`.execute(
      db,
    );
  }
  for (const d of DEMO_DEPARTMENTS) {
    const manager = d.manager ? (users.get(d.manager) ?? null) : null;
    await sql`update tessera.departments set
                parent_id = coalesce(parent_id, (select id from tessera.departments where code = ${d.parent ?? null})),
                manager_id = coalesce(manager_id, ${manager}::uuid)
              where code = ${d.code}`.execute(db);
  }
  for (const user of DEMO_USERS) {
    const id = users.get(user.username)!;
    await sql`insert into tessera.user_org (user_id, department_id)
              values (${id}, (select id from tessera.departments where code = ${user.department}))
              on conflict (user_id) do nothing`.execute(db);
    for (const role of user.roles) {
      await sql`insert into tessera.role_members (role, user_id) values (${role}, ${id}) on conflict do nothing`.execute(
        db,
      );
    }
  }
  return { users, created };
}
