import { publishedScope } from '@tessera/forms';
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

/** The app's published forms as the shared reference checks see them (in @tessera/forms: flows use it too). */
export { publishedScope };

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
