import { type Kysely, sql } from 'kysely';
import { FormsError } from '../errors/forms.error';
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
    if (!published) throw new FormsError('version_not_found', `form ${formKey} is not published`);
    const versions = await listVersions(trx, form.id);
    if (versions.some((v) => v.status === 'draft')) {
      throw new FormsError(
        'publish_conflict',
        'a draft of this form exists: publish or discard it before purging',
      );
    }
    const plan = planPurgeField(appKey, published.definition, fieldId);
    await lockTables(trx, formTableModel(appKey, published.definition));
    for (const action of plan.actions) {
      for (const statement of action.statements) await sql.raw(statement).execute(trx);
    }
    const at = context.clock.now();
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
