import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, DEMO_USERS, installDemo } from '@tessera/packs';
import { type Kysely, sql } from 'kysely';
import { createUser } from '../auth/user.store';

/** The shipped Customer ERP pack, relative to this file so `start` works from any folder. */
export const DEFAULT_DEMO_PACK = fileURLToPath(new URL('../../../../examples/customer-erp', import.meta.url));

export type DemoOutcome =
  | { readonly installed: false; readonly reason: 'disabled' | 'packs-present' }
  | {
      readonly installed: true;
      readonly app: string;
      readonly users: readonly { username: string; roles: readonly string[] }[];
      readonly password: string;
    };

/**
 * Installs the Customer ERP demo on a database that has no pack yet — the first start of a fresh
 * instance. Later starts skip it without reading the pack (validation costs seconds).
 */
export async function ensureDemo(
  db: Kysely<any>,
  options: { enabled: boolean; dir?: string },
): Promise<DemoOutcome> {
  if (!options.enabled) return { installed: false, reason: 'disabled' };
  const any = await sql`select 1 from tessera.installed_packs limit 1`.execute(db);
  if (any.rows.length > 0) return { installed: false, reason: 'packs-present' };
  const result = await installDemo(db, {
    dir: options.dir ?? DEFAULT_DEMO_PACK,
    createUser: (executor, input) => createUser(executor, input),
  });
  return {
    installed: true,
    app: result.app,
    users: DEMO_USERS.map((u) => ({ username: u.username, roles: u.roles })),
    password: DEMO_PASSWORD,
  };
}
