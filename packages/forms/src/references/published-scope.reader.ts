import type { FormDefinition } from '@tessera/schema';
import { readAppMessaging } from '@tessera/store';
import { type Kysely, sql } from 'kysely';
import { type ReferenceScope, referenceScope } from './reference-scope';

/**
 * The app's published forms as the shared reference checks see them — what an engine checks a
 * rule or a flow against when it is saved and published. Roles and flows are the pack's to check:
 * a definition may be saved before them. The messengers `via` may name are those of the pack.json
 * the app was installed with (none without a pack).
 */
export async function publishedScope(db: Kysely<any>, appKey: string): Promise<ReferenceScope> {
  const r = await sql<{ key: string; definition: FormDefinition }>`
    select f.key, v.definition from tessera.forms f
    join tessera.apps a on a.id = f.app_id
    join tessera.form_versions v on v.form_id = f.id and v.status = 'published'
    where a.key = ${appKey}`.execute(db);
  return referenceScope(
    r.rows.map((row) => [row.key, row.definition] as const),
    {
      named: {},
      missing: () => `it is not published in app '${appKey}'`,
      messaging: await readAppMessaging(db, appKey),
    },
  );
}
