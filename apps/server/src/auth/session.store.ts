import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { User } from './user.store';

/**
 * Server-side sessions: the cookie holds a random token, the table holds only its sha-256, so
 * logout, expiry and "log out everywhere" are one DELETE and a leaked table opens nothing.
 */
export interface Session {
  readonly tokenHash: string;
  readonly csrfToken: string;
  readonly user: User;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export async function createSession(
  db: Kysely<any>,
  userId: string,
  ttlHours: number,
  client: { ip?: string; userAgent?: string },
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await db
    .insertInto('tessera.sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: new Date(Date.now() + ttlHours * 3_600_000),
      ip: client.ip ?? null,
      user_agent: client.userAgent?.slice(0, 400) ?? null,
    })
    .execute();
  return { token, csrfToken };
}

/** The live session of a cookie token, with its (active) user; sliding expiry refreshed at most once a minute. */
export async function findSession(
  db: Kysely<any>,
  token: string,
  ttlHours: number,
): Promise<Session | undefined> {
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('tessera.sessions as s')
    .innerJoin('tessera.users as u', 'u.id', 's.user_id')
    .select([
      's.csrf_token as csrfToken',
      's.last_seen_at as lastSeenAt',
      'u.id',
      'u.username',
      'u.display_name as displayName',
      'u.email',
      'u.is_admin as isAdmin',
      'u.locale',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', new Date())
    .where('u.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return undefined;
  if (Date.now() - new Date(row.lastSeenAt).getTime() > 60_000) {
    await db
      .updateTable('tessera.sessions')
      .set({ last_seen_at: new Date(), expires_at: new Date(Date.now() + ttlHours * 3_600_000) })
      .where('token_hash', '=', tokenHash)
      .execute();
  }
  const { csrfToken, lastSeenAt: _seen, ...user } = row;
  return { tokenHash, csrfToken, user: user as User };
}

export async function deleteSession(db: Kysely<any>, tokenHash: string): Promise<void> {
  await db.deleteFrom('tessera.sessions').where('token_hash', '=', tokenHash).execute();
}
