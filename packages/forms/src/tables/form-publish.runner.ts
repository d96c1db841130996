import type { EvalContext } from '@tessera/logic';
import type { FormDefinition } from '@tessera/schema';
import { enqueue } from '@tessera/store';
import { type Kysely, sql } from 'kysely';
import { FormsError } from '../errors/forms.error';
import {
  changedComputedFields,
  RECOMPUTE_INLINE_LIMIT,
  RECOMPUTE_TASK,
  recomputeAll,
} from '../formulas/stored-values.recompute';
import {
  findPublished,
  findVersion,
  markPublished,
  requireForm,
  writeColumnBookkeeping,
} from '../model/form-metadata.repository';
import type { Actor, Clock } from '../model/forms-context';
import { inTransaction } from '../model/in-transaction';
import { runDataChecks } from './data-check.runner';
import { type FormChangePlan, planFormChange } from './form-change.planner';
import { qualified } from './identifier';
import type { PlanNotice, PlanRefusal } from './migration-action';
import { appSchemaName } from './physical-name';
import type { TableModel } from './table-model';
import { formTableModel } from './table-model.mapper';

export interface PublishOptions {
  /** `lock_timeout` of the publish transaction, in milliseconds (default 5000). */
  readonly lockTimeoutMs?: number;
  /** How many offending rows a refused data check lists (default 20). */
  readonly offendingLimit?: number;
  /** Tables up to this many rows get changed formulas/rollups recomputed inside the publish (default 20 000). */
  readonly recomputeInlineLimit?: number;
}

/** The outcome of a publish: the plan that ran, or nothing changed and why. */
export type PublishResult =
  | { readonly ok: true; readonly version: number; readonly plan: FormChangePlan }
  | { readonly ok: false; readonly plan: FormChangePlan };

/**
 * Plans the publication of draft `version` of a form and runs the plan's data checks (read only):
 * the admin sees every action, and every refusal with the offending records.
 */
export async function planPublish(
  db: Kysely<any>,
  appKey: string,
  formKey: string,
  version: number,
  options: PublishOptions = {},
): Promise<FormChangePlan> {
  const form = await requireForm(db, appKey, formKey);
  return planWithChecks(db, appKey, form.id, version, options);
}

/**
 * Publishes draft `version` in ONE transaction: lock the form and its tables (`lock_timeout`),
 * re-plan and re-check on the locked data, run every statement, record the new published version
 * with its plan. Any refusal or error rolls everything back: the tables and the published version
 * stay as they were.
 */
export async function publish(
  db: Kysely<any>,
  appKey: string,
  formKey: string,
  version: number,
  context: { actor: Actor; clock: Clock; timeZone?: string | undefined },
  options: PublishOptions = {},
): Promise<PublishResult> {
  try {
    return await inTransaction(db, async (trx) => {
      await setLockTimeout(trx, options.lockTimeoutMs ?? 5000);
      const form = await requireForm(trx, appKey, formKey, true);
      const published = await findPublished(trx, form.id);
      if (published) await lockTables(trx, formTableModel(appKey, published.definition));
      const plan = await planWithChecks(trx, appKey, form.id, version, options);
      if (!plan.ok) throw new PublishRefused(plan);
      for (const action of plan.actions) {
        for (const statement of action.statements) await sql.raw(statement).execute(trx);
      }
      const at = context.clock.now();
      await markPublished(trx, {
        formId: form.id,
        version,
        definition: plan.definition,
        plan: { actions: plan.actions, notices: plan.notices },
        actorId: context.actor.id,
        at,
      });
      await writeColumnBookkeeping(trx, form.id, formTableModel(appKey, plan.definition), at);
      const notices = await recomputeChanged(
        trx,
        appKey,
        formKey,
        published?.definition ?? null,
        plan.definition,
        options.recomputeInlineLimit ?? RECOMPUTE_INLINE_LIMIT,
        // formulas reading `today` are recomputed on the platform's calendar day
        { now: at, timeZone: context.timeZone ?? 'UTC' },
      );
      return {
        ok: true as const,
        version,
        plan: notices.length ? { ...plan, notices: [...plan.notices, ...notices] } : plan,
      };
    });
  } catch (error) {
    if (error instanceof PublishRefused) return { ok: false, plan: error.plan };
    throw error;
  }
}

/**
 * Formulas and rollups whose definition this publish changed get their stored values recomputed:
 * inside the publish transaction for tables up to `inlineLimit` rows (the values are
 * right when the publish commits), else by the `forms.recompute` job enqueued in the same
 * transaction (chunks of 500, each its own transaction) — and the plan says so. The source tables
 * of changed rollups are locked first, so no child write in flight is missed.
 */
async function recomputeChanged(
  trx: Kysely<any>,
  appKey: string,
  formKey: string,
  previous: FormDefinition | null,
  next: FormDefinition,
  inlineLimit: number,
  ctx: EvalContext,
): Promise<PlanNotice[]> {
  const fieldIds = changedComputedFields(previous, next);
  if (fieldIds.length === 0) return [];
  const sources = next.fields.flatMap((f) =>
    f.type === 'rollup' && fieldIds.includes(f.id) && f.source.form !== formKey ? [f.source.form] : [],
  );
  if (sources.length > 0) {
    const tables = [...new Set(sources)].map((form) => qualified(appSchemaName(appKey), form));
    await sql.raw(`LOCK TABLE ${tables.join(', ')} IN SHARE ROW EXCLUSIVE MODE`).execute(trx);
  }
  const table = sql.raw(qualified(appSchemaName(appKey), formKey));
  const rows = Number(
    (await sql<{ n: number }>`select count(*) as n from ${table}`.execute(trx)).rows[0]?.n ?? 0,
  );
  const payload = { app: appKey, form: formKey, fieldIds };
  if (rows <= inlineLimit) {
    await recomputeAll(trx, payload, ctx);
    return [];
  }
  await enqueue(trx, RECOMPUTE_TASK, { ...payload, afterId: null });
  return [
    {
      message: `${fieldIds.length} changed formula/rollup field(s): the stored values of ${rows} records are being recomputed in the background (job ${RECOMPUTE_TASK})`,
    },
  ];
}

class PublishRefused extends Error {
  constructor(readonly plan: FormChangePlan) {
    super('publish refused');
  }
}

export async function setLockTimeout(db: Kysely<any>, ms: number): Promise<void> {
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`invalid lock timeout ${ms}`);
  await sql.raw(`SET LOCAL lock_timeout = ${ms}`).execute(db);
}

/** Blocks writes (not reads) to the form's tables while it is checked and changed. */
export async function lockTables(db: Kysely<any>, model: TableModel): Promise<void> {
  const tables = [model, ...model.children].map((t) => qualified(t.schema, t.name));
  await sql.raw(`LOCK TABLE ${tables.join(', ')} IN SHARE ROW EXCLUSIVE MODE`).execute(db);
}

async function planWithChecks(
  db: Kysely<any>,
  appKey: string,
  formId: string,
  version: number,
  options: PublishOptions,
): Promise<FormChangePlan> {
  const draft = await findVersion(db, formId, version);
  if (!draft) throw new FormsError('FORM_VERSION_NOT_FOUND', `version ${version} does not exist`);
  if (draft.status !== 'draft') {
    throw new FormsError(
      'VERSION_NOT_DRAFT',
      `version ${version} is ${draft.status}, only a draft can be published`,
    );
  }
  const published = await findPublished(db, formId);
  const schema = appSchemaName(appKey);
  const plan = planFormChange({
    appKey,
    previous: published?.definition ?? null,
    next: draft.definition,
    schemaExists: await schemaExists(db, schema),
    ...(published ? { existingIndexes: await indexNames(db, schema) } : {}),
  });
  if (!plan.ok) return plan;
  const refusals: PlanRefusal[] = [...(await missingLinkTargets(db, appKey, plan))];
  const checks = await runDataChecks(db, plan.actions, options.offendingLimit);
  refusals.push(...checks.refusals);
  return {
    ...plan,
    ok: refusals.length === 0,
    refusals,
    actions: plan.actions.filter((action) => !checks.skipped.has(action)),
    notices: checks.notices,
  };
}

/** Index names are unique within a schema: the set of the app schema's is enough. */
async function indexNames(db: Kysely<any>, schema: string): Promise<ReadonlySet<string>> {
  const r = await sql<{
    name: string;
  }>`select indexname as name from pg_indexes where schemaname = ${schema}`.execute(db);
  return new Set(r.rows.map((row) => row.name));
}

async function schemaExists(db: Kysely<any>, schema: string): Promise<boolean> {
  const r = await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(db);
  return r.rows.length > 0;
}

/** A link may only point at a form whose table exists (published), or at its own form. */
async function missingLinkTargets(
  db: Kysely<any>,
  appKey: string,
  plan: FormChangePlan,
): Promise<PlanRefusal[]> {
  const model = formTableModel(appKey, plan.definition);
  const refusals: PlanRefusal[] = [];
  for (const table of [model, ...model.children]) {
    for (const fk of table.foreignKeys) {
      if (fk.targetTable === model.name) continue;
      const r =
        await sql`select 1 from pg_tables where schemaname = ${model.schema} and tablename = ${fk.targetTable}`.execute(
          db,
        );
      if (r.rows.length === 0) {
        refusals.push({
          code: 'invalid_definition',
          ...(fk.fieldId === undefined ? {} : { fieldId: fk.fieldId }),
          reason: `${fk.column} links to form "${fk.targetTable}", which is not published in app ${appKey}`,
        });
      }
    }
  }
  return refusals;
}
