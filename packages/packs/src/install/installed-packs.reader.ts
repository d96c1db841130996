import { type Kysely, sql } from 'kysely';
import type { InstalledPackVersion } from '../checks/requirements.check.js';

/** The pack last applied to each app (what `requires.packs` is checked against). */
export async function readInstalledPacks(db: Kysely<any>): Promise<InstalledPackVersion[]> {
  const result = await sql<InstalledPackVersion>`
    select distinct on (app_key) app_key as app, name, version
    from tessera.installed_packs order by app_key, id desc`.execute(db);
  return result.rows.map((r) => ({ app: r.app, name: r.name, version: r.version }));
}
