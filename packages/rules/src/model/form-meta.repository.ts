import { type ReferenceScope, referenceScope } from '@tessera/forms';
import type { FieldDefinition, FormDefinition } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';

/** The published definition of a form, or null when it has none. */
export async function loadPublishedForm(
  db: Kysely<any>,
  appKey: string,
  formKey: string,
): Promise<FormDefinition | null> {
  const r = await sql<{ definition: FormDefinition }>`
    select v.definition from tessera.forms f
    join tessera.apps a on a.id = f.app_id
    join tessera.form_versions v on v.form_id = f.id and v.status = 'published'
    where a.key = ${appKey} and f.key = ${formKey}`.execute(db);
  return r.rows[0]?.definition ?? null;
}

/**
 * The app's published forms as the shared reference checks see them (the rule check at save and
 * publish). Roles and flows are the pack's to check: a rule may be saved before them.
 */
export async function publishedScope(db: Kysely<any>, appKey: string): Promise<ReferenceScope> {
  const r = await sql<{ key: string; definition: FormDefinition }>`
    select f.key, v.definition from tessera.forms f
    join tessera.apps a on a.id = f.app_id
    join tessera.form_versions v on v.form_id = f.id and v.status = 'published'
    where a.key = ${appKey}`.execute(db);
  return referenceScope(
    r.rows.map((row) => [row.key, row.definition] as const),
    { named: {}, missing: () => `it is not published in app '${appKey}'` },
  );
}

/** A live (not deleted) field of the form by key. */
export function fieldOf(form: FormDefinition, key: string): FieldDefinition | undefined {
  return form.fields.find((f) => f.key === key && f.deleted !== true);
}

/** Per-call memo of form definitions (a sweep or an event touches a handful of forms). */
export function formCache(db: Kysely<any>, appKey: string) {
  const cache = new Map<string, Promise<FormDefinition | null>>();
  return (formKey: string): Promise<FormDefinition | null> => {
    let hit = cache.get(formKey);
    if (!hit) {
      hit = loadPublishedForm(db, appKey, formKey);
      cache.set(formKey, hit);
    }
    return hit;
  };
}
export type FormLoader = ReturnType<typeof formCache>;
