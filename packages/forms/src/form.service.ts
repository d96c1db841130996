import type { FormDefinition, Label, SchemaError } from '@tessera/schema';
import { sql } from 'kysely';
import { FormsError } from './errors/forms.error';
import { validateFormDefinition } from './model/form-definition.validator';
import {
  type FormVersionRow,
  findForm,
  findPublished,
  insertVersion,
  listVersions,
  requireForm,
} from './model/form-metadata.repository';
import type { FormsContext } from './model/forms-context';
import { inTransaction } from './model/in-transaction';
import type { FormChangePlan } from './tables/form-change.planner';
import { type PublishOptions, type PublishResult, planPublish, publish } from './tables/form-publish.runner';
import { type PurgeResult, purgeField } from './tables/purge-field.runner';

export type SaveDraftResult =
  | { readonly ok: true; readonly version: number }
  | { readonly ok: false; readonly errors: readonly SchemaError[] };

/** The forms service (tables half): apps, drafts, plans, publication, versions, purge. */
export interface FormService {
  /** Creates the app if it does not exist (its schema is created by the first publish). */
  ensureApp(appKey: string, title?: Label): Promise<void>;
  /** Validates and saves a draft: updates the form's draft, or starts a new version. */
  saveDraft(appKey: string, definition: unknown): Promise<SaveDraftResult>;
  /** The plan of publishing a draft, with its data checks run (nothing is changed). */
  plan(appKey: string, formKey: string, version: number): Promise<FormChangePlan>;
  /** Publishes a draft in one transaction, or changes nothing and says why. */
  publish(appKey: string, formKey: string, version: number): Promise<PublishResult>;
  /** Throws away the form's draft, if any (returns whether there was one). */
  discardDraft(appKey: string, formKey: string): Promise<boolean>;
  getPublished(
    appKey: string,
    formKey: string,
  ): Promise<{ version: number; definition: FormDefinition } | null>;
  listVersions(appKey: string, formKey: string): Promise<readonly FormVersionRow[]>;
  /** Drops the data of a deleted field, explicitly, and publishes a version without it. */
  purgeField(appKey: string, formKey: string, fieldId: string): Promise<PurgeResult>;
}

export function createFormService(context: FormsContext, options: PublishOptions = {}): FormService {
  const { db, actor, clock } = context;
  return {
    async ensureApp(appKey, title = {}) {
      await sql`insert into tessera.apps (key, title, created_at, created_by)
                values (${appKey}, ${JSON.stringify(title)}::jsonb, ${clock.now()}, ${actor.id})
                on conflict (key) do nothing`.execute(db);
    },

    async saveDraft(appKey, definition) {
      const validation = validateFormDefinition(definition);
      if (!validation.ok) return validation;
      const form = validation.value;
      return inTransaction(db, async (trx) => {
        const app = await sql<{ id: string }>`select id from tessera.apps where key = ${appKey}`.execute(trx);
        const appId = app.rows[0]?.id;
        if (!appId) throw new FormsError('FORM_NOT_FOUND', `app ${appKey} does not exist`);
        await sql`insert into tessera.forms (app_id, key, created_at, created_by)
                  values (${appId}, ${form.key}, ${clock.now()}, ${actor.id}) on conflict (app_id, key) do nothing`.execute(
          trx,
        );
        const row = await requireForm(trx, appKey, form.key, true);
        const updated = await sql<{ version: number }>`
          update tessera.form_versions set definition = ${JSON.stringify(form)}::jsonb, updated_at = ${clock.now()}
          where form_id = ${row.id} and status = 'draft' returning version`.execute(trx);
        const draft = updated.rows[0];
        if (draft) return { ok: true as const, version: Number(draft.version) };
        const version = await insertVersion(trx, {
          formId: row.id,
          status: 'draft',
          definition: form,
          actorId: actor.id,
          at: clock.now(),
        });
        return { ok: true as const, version };
      });
    },

    plan: (appKey, formKey, version) => planPublish(db, appKey, formKey, version, options),
    publish: (appKey, formKey, version) =>
      publish(db, appKey, formKey, version, { actor, clock, timeZone: context.timeZone }, options),

    async discardDraft(appKey, formKey) {
      const form = await requireForm(db, appKey, formKey);
      const r =
        await sql`delete from tessera.form_versions where form_id = ${form.id} and status = 'draft' returning id`.execute(
          db,
        );
      return r.rows.length > 0;
    },

    async getPublished(appKey, formKey) {
      const form = await findForm(db, appKey, formKey);
      const published = form ? await findPublished(db, form.id) : null;
      return published ? { version: published.version, definition: published.definition } : null;
    },

    async listVersions(appKey, formKey) {
      const form = await requireForm(db, appKey, formKey);
      return listVersions(db, form.id);
    },

    purgeField: (appKey, formKey, fieldId) =>
      purgeField(db, appKey, formKey, fieldId, { actor, clock }, options),
  };
}
