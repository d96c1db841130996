import { randomInt } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { countUsers, createUser } from '../auth/user.store';

export type FirstAdmin =
  | {
      readonly created: true;
      readonly username: string;
      readonly password: string;
      readonly generated: boolean;
    }
  | { readonly created: false };

export class BootstrapError extends Error {}

/**
 * Creates the first administrator when the instance has no users: TESSERA_ADMIN_USER /
 * TESSERA_ADMIN_PASSWORD when given (as Directus does), else `admin` with a generated password
 * that is printed once. Serialised by an advisory lock, so N processes starting together make one.
 */
export async function ensureFirstAdmin(
  db: Kysely<any>,
  wanted: { username?: string | undefined; password?: string | undefined },
): Promise<FirstAdmin> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('tessera.first-admin'))`.execute(trx);
    if ((await countUsers(trx)) > 0) return { created: false } as const;
    const username = wanted.username ?? 'admin';
    const password = wanted.password ?? generatePassword();
    const result = await createUser(trx, { username, password, displayName: 'Administrator', isAdmin: true });
    if (!result.ok) {
      const reasons = result.errors.map((e) => `${e.path.slice(1)} ${e.message}`).join('; ');
      throw new BootstrapError(
        `cannot create the first admin from TESSERA_ADMIN_USER/TESSERA_ADMIN_PASSWORD: ${reasons}`,
      );
    }
    return { created: true, username, password, generated: wanted.password === undefined };
  });
}

const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 16 characters from an unambiguous alphabet, with at least one letter and one digit. */
export function generatePassword(): string {
  for (;;) {
    const candidate = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    if (/[0-9]/.test(candidate) && /[A-Za-z]/.test(candidate)) return candidate;
  }
}
