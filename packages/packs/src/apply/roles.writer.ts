import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Pack } from '../model/pack.js';
import type { RolePlanEntry } from '../plan/pack-plan.js';
import { withoutSchemaPointer } from '../plan/pack-plan.planner.js';

/**
 * Writes the app's roles: each role's key and title into the platform's `tessera.roles` (what
 * flows and rules resolve), its whole definition into `tessera.app_roles`; roles the pack no
 * longer has leave the app (their global key and members stay: other apps may use them).
 */
export async function writeRoles(
  trx: Kysely<any>,
  app: string,
  pack: Pack,
  entries: readonly RolePlanEntry[],
  at: Date,
): Promise<void> {
  const roles = (pack.roles?.value.roles ?? []).map(withoutSchemaPointer);
  for (const [position, role] of roles.entries()) {
    await sql`insert into tessera.roles (key, title) values (${role.key}, ${JSON.stringify(role.title)}::jsonb)
              on conflict (key) do update set title = excluded.title`.execute(trx);
    await sql`insert into tessera.app_roles (app_key, role_key, position, definition, updated_at)
              values (${app}, ${role.key}, ${position}, ${JSON.stringify(role)}::jsonb, ${at})
              on conflict (app_key, role_key) do update
              set position = excluded.position, definition = excluded.definition, updated_at = excluded.updated_at`.execute(
      trx,
    );
  }
  for (const entry of entries) {
    if (entry.kind !== 'removed') continue;
    await sql`delete from tessera.app_roles where app_key = ${app} and role_key = ${entry.key}`.execute(trx);
  }
}
