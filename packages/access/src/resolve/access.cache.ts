import type { Kysely } from 'kysely';
import type { AppAccess } from '../model/form-access';
import { loadAppAccess } from './app-access.loader';

export interface AccessCache {
  /** The user's access to the app: resolved at most once per `ttlMs` (per process). */
  get(db: Kysely<any>, userId: string, app: string): Promise<AppAccess>;
  /** Forget everything (after a change of roles, memberships or departments in this process). */
  clear(): void;
}

/**
 * A short-lived cache of resolved access, so a burst of requests (a list walked page by page, a
 * dashboard) resolves the user's roles once rather than per request. Changes made through this
 * process's admin API clear it at once; changes made elsewhere (another server process, SQL)
 * take effect within `ttlMs`. Bounded: the oldest entries go first.
 */
export function createAccessCache(options: { ttlMs?: number; maxEntries?: number } = {}): AccessCache {
  const ttlMs = options.ttlMs ?? 5_000;
  const maxEntries = options.maxEntries ?? 5_000;
  const entries = new Map<string, { at: number; value: Promise<AppAccess> }>();
  return {
    get(db, userId, app) {
      const key = `${userId}\u0000${app}`;
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && now - hit.at < ttlMs) return hit.value;
      const value = loadAppAccess(db, userId, app);
      entries.delete(key);
      entries.set(key, { at: now, value });
      // a failed load is not kept
      value.catch(() => entries.delete(key));
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return value;
    },
    clear: () => entries.clear(),
  };
}
