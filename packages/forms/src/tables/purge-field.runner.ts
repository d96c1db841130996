import { type Kysely, sql } from 'kysely';
import { FormsError } from '../errors/forms.error';
import { purgeFiles } from '../files/file.repository';
import {
  findPublished,
  insertVersion,
  listVersions,
  markPublished,
  requireForm,
  writeColumnBookkeeping,
} from '../model/form-metadata.repository';
import type { Actor, Clock } from '../model/forms-context';
import { lockTables, type PublishOptions, setLockTimeout } from './form-publish.runner';
import type { MigrationAction } from './migration-action';
import { planPurgeField } from './purge-field.planner';
import { formTableModel } from './table-model.mapper';

export interface PurgeResult {
  readonly version: number;
  readonly actions: readonly MigrationAction[];
}

/**
 * Purges a deleted field, explicitly: drops its column(s) or child table and publishes a new
 * version without it, in one transaction. The only code path that drops user data.
 */
export async function purgeField(
  db: Kysely<any>,
  appKey: string,
  formKey: string,
  fieldId: string,
  context: { actor: Actor; clock: Clock },
  options: PublishOptions = {},
): Promise<PurgeResult> {
  return db.transaction().execute(async (trx) => {
    await setLockTimeout(trx, options.lockTimeoutMs ?? 5000);
    const form = await requireForm(trx, appKey, formKey, true);
    const published = await findPublished(trx, form.id);
    if (!published) throw new FormsError('FORM_VERSION_NOT_FOUND', `form ${formKey} is not published`);
    const versions = await listVersions(trx, form.id);
    if (versions.some((v) => v.status === 'draft')) {
      throw new FormsError(
        'PUBLISH_CONFLICT',
        'a draft of this form exists: publish or discard it before purging',
      );
    }
    const plan = planPurgeField(appKey, published.definition, fieldId);
    await lockTables(trx, formTableModel(appKey, published.definition));
    for (const action of plan.actions) {
      for (const statement of action.statements) await sql.raw(statement).execute(trx);
    }
    const at = context.clock.now();
    // The files of a purged attachment field (or of one inside purged line items) go with it.
    const path = fieldPathOf(published.definition.fields, fieldId);
    if (path) await purgeFiles(trx, form.id, { field: path }, at);
    const version = await insertVersion(trx, {
      formId: form.id,
      status: 'draft',
      definition: plan.definition,
      actorId: context.actor.id,
      at,
    });
    await markPublished(trx, {
      formId: form.id,
      version,
      definition: plan.definition,
      plan: { actions: plan.actions },
      actorId: context.actor.id,
      at,
    });
    await writeColumnBookkeeping(trx, form.id, formTableModel(appKey, plan.definition), at);
    return { version, actions: plan.actions };
  });
}

/** `key`, or `lineItems.key` for a field inside line items (as `tessera.files.field` names it). */
function fieldPathOf(
  fields: readonly {
    id: string;
    key: string;
    type: string;
    fields?: readonly { id: string; key: string }[];
  }[],
  fieldId: string,
): string | undefined {
  for (const field of fields) {
    if (field.id === fieldId) return field.key;
    const inner = field.fields?.find((f) => f.id === fieldId);
    if (inner) return `${field.key}.${inner.key}`;
  }
  return undefined;
}
