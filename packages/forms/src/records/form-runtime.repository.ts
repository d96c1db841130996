import type { FormDefinition } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import { cachedRuntime, type FormRuntime, formRuntime } from './form-runtime';
import { RecordsError } from './records.error';

interface PublishedRow {
  form_id: string;
  form_key: string;
  version_id: string;
  version: number;
}

/**
 * The published version of a form as a runtime. `lock`: FOR SHARE on the form's metadata row, so
 * a publish (which locks it FOR UPDATE) cannot change the table while this write transaction
 * runs; use it only on a transaction handle. The definition itself is only fetched when the
 * version is not cached yet (runtimes are immutable per published version id).
 */
export async function loadRuntime(
  db: Kysely<any>,
  appKey: string,
  formKey: string,
  lock = false,
): Promise<FormRuntime> {
  const result = await sql<PublishedRow>`
    select f.id as form_id, f.key as form_key, v.id as version_id, v.version
    from tessera.forms f
    join tessera.apps a on a.id = f.app_id
    join tessera.form_versions v on v.form_id = f.id and v.status = 'published'
    where a.key = ${appKey} and f.key = ${formKey}
    ${lock ? sql`for share of f` : sql``}`.execute(db);
  const row = result.rows[0];
  if (!row) throw new RecordsError('FORM_NOT_PUBLISHED', `App ${appKey} has no published form ${formKey}.`);
  return (await toRuntimes(db, appKey, [row]))[0]!;
}

/** Every published form of an app (for rollups over reverse links). */
export async function loadAppRuntimes(db: Kysely<any>, appKey: string): Promise<FormRuntime[]> {
  const result = await sql<PublishedRow>`
    select f.id as form_id, f.key as form_key, v.id as version_id, v.version
    from tessera.forms f
    join tessera.apps a on a.id = f.app_id
    join tessera.form_versions v on v.form_id = f.id and v.status = 'published'
    where a.key = ${appKey} order by f.key`.execute(db);
  return toRuntimes(db, appKey, result.rows);
}

async function toRuntimes(
  db: Kysely<any>,
  appKey: string,
  rows: readonly PublishedRow[],
): Promise<FormRuntime[]> {
  const missing = rows.filter((r) => !cachedRuntime(r.version_id)).map((r) => r.version_id);
  const definitions = new Map<string, FormDefinition>();
  if (missing.length > 0) {
    const r = await sql<{ id: string; definition: FormDefinition | string }>`
      select id, definition from tessera.form_versions where id = any(${missing}::uuid[])`.execute(db);
    for (const d of r.rows) {
      definitions.set(
        d.id,
        typeof d.definition === 'string' ? (JSON.parse(d.definition) as FormDefinition) : d.definition,
      );
    }
  }
  return rows.map(
    (row) =>
      cachedRuntime(row.version_id) ??
      formRuntime({
        appKey,
        formId: row.form_id,
        versionId: row.version_id,
        version: Number(row.version),
        definition: definitions.get(row.version_id)!,
      }),
  );
}
