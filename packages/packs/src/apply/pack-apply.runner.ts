import { type Actor, type Clock, createFormService } from '@tessera/forms';
import { systemClock } from '@tessera/logic';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { checkRequirements } from '../checks/requirements.check.js';
import { PackInstallError } from '../errors/pack-install.error.js';
import { readInstalledPacks } from '../install/installed-packs.reader.js';
import { readInstalledState } from '../install/installed-state.reader.js';
import type { LoadedPack } from '../model/loaded-pack.js';
import type { Pack } from '../model/pack.js';
import { packFileHashes, packHash } from '../model/pack-hash.js';
import { TESSERA_VERSION } from '../model/tessera-version.js';
import type { PackPlan } from '../plan/pack-plan.js';
import { withoutSchemaPointer } from '../plan/pack-plan.planner.js';
import { validatePack } from '../validation/validate-pack.js';
import { applyEngineDocuments } from './engine-documents.applier.js';
import {
  type AssetStorage,
  assetsToStore,
  dropStored,
  putAssets,
  writeAssetRows,
} from './pack-assets.writer.js';
import { writeRoles } from './roles.writer.js';

export interface ApplyOptions {
  /** Who applies (recorded as applied_by and on the form versions); default: the system. */
  readonly actor?: Actor;
  readonly clock?: Clock;
  /** The platform's zone (TESSERA_TIME_ZONE) of `today` in formulas a publish recomputes. */
  readonly timeZone?: string;
  /** The Tessera version `requires.tessera` is checked against (default: this one). */
  readonly tesseraVersion?: string;
  /**
   * The file storage the pack's print images (prints/assets/) are stored in — the server's; without
   * one (a library caller with a database alone) their bytes are kept in the database row.
   */
  readonly files?: AssetStorage;
  /** Runs last inside the apply transaction (e.g. the server's audit entry); a throw rolls all back. */
  readonly inTransaction?: (trx: Kysely<any>, result: ApplyResult) => Promise<void>;
}

/** What an apply did: the forms published (with their new version) and the roles written. */
export interface ApplyResult {
  readonly app: string;
  /** False for a no-op plan: nothing was written. */
  readonly applied: boolean;
  readonly forms: readonly {
    readonly key: string;
    readonly kind: 'new' | 'changed';
    readonly version: number;
  }[];
  readonly roles: PackPlan['roles'];
  /** Flows and rules published, reports and dashboards saved. */
  readonly documents: PackPlan['documents'];
}

/**
 * Applies a plan made by `planPack` for this pack, in ONE transaction: re-reads the installed
 * state under a per-app lock and refuses the plan if it changed since (`PACK_PLAN_STALE`); publishes
 * the new and changed forms in the plan's order (link targets first) through the form engine;
 * writes the roles and the new and changed print images (their bytes put in the file storage
 * before the transaction, removed again if it rolls back); hands new and changed flows, rules, reports and dashboards to their engines; records the pack in tessera.installed_packs. Any failure rolls all of it back.
 */
export async function applyPack(
  db: Kysely<any>,
  loaded: LoadedPack,
  plan: PackPlan,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const validation = validatePack(loaded);
  if (!validation.ok) {
    const errors = validation.errors.map((e) => ({ path: `${e.file}${e.path}`, message: e.message }));
    throw new PackInstallError('PACK_INVALID', `the pack has ${errors.length} error(s)`, errors);
  }
  if (packHash(loaded) !== plan.pack.hash)
    throw new PackInstallError('PACK_PLAN_MISMATCH', 'the plan was made for other pack files: plan again');
  if (plan.refusals.length > 0)
    throw new PackInstallError(
      'PACK_FORM_REFUSED',
      'the plan has refusals: nothing was applied',
      plan.refusals,
    );
  const actor = options.actor ?? { id: null };
  const clock = options.clock ?? systemClock;
  const assetRows = await putAssets(assetsToStore(validation.pack, plan), options.files, clock.now());
  let replaced: string[] = [];
  const result = await db
    .transaction()
    .execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext(${`tessera.pack:${plan.app}`}))`.execute(trx);
      const state = await readInstalledState(trx, plan.app);
      if (state.hash !== plan.installedHash) {
        throw new PackInstallError(
          'PACK_PLAN_STALE',
          `app ${plan.app} changed since the plan was made (a form was published or a pack applied): plan again`,
        );
      }
      const unmet = checkRequirements(validation.pack.manifest, {
        tesseraVersion: options.tesseraVersion ?? TESSERA_VERSION,
        installed: await readInstalledPacks(trx),
      });
      if (unmet.length > 0) {
        const errors = unmet.map((e) => ({ path: `${e.file}${e.path}`, message: e.message }));
        throw new PackInstallError('PACK_REQUIREMENT_UNMET', 'the pack needs what is not installed', errors);
      }
      if (plan.noop) return { app: plan.app, applied: false, forms: [], roles: plan.roles, documents: [] };
      const forms = await publishForms(trx, validation.pack, plan, actor, clock, options.timeZone);
      await writeRoles(trx, plan.app, validation.pack, plan.roles, clock.now());
      // Before the print templates: saving one checks that the images it names exist.
      replaced = await writeAssetRows(trx, plan.app, assetRows);
      // Recorded before the engines' documents: their checks read this pack.json's messengers.
      await recordInstall(trx, loaded, validation.pack, plan, actor, clock.now());
      const documents = await applyEngineDocuments(
        trx,
        plan.app,
        validation.pack,
        plan.documents,
        actor,
        clock,
      );
      const result: ApplyResult = { app: plan.app, applied: true, forms, roles: plan.roles, documents };
      await options.inTransaction?.(trx, result);
      return result;
    })
    .catch(async (error: unknown) => {
      await dropStored(assetRows, options.files);
      throw error;
    });
  await dropStored(
    replaced.map((storageKey) => ({ storageKey })),
    options.files,
  );
  return result;
}

async function publishForms(
  trx: Kysely<any>,
  pack: Pack,
  plan: PackPlan,
  actor: Actor,
  clock: Clock,
  timeZone: string | undefined,
): Promise<ApplyResult['forms']> {
  const service = createFormService({ db: trx, actor, clock, timeZone });
  await service.ensureApp(plan.app, pack.manifest.title);
  const definitions = new Map(pack.forms.map((d) => [d.value.key, withoutSchemaPointer(d.value)]));
  const published: { key: string; kind: 'new' | 'changed'; version: number }[] = [];
  for (const entry of plan.forms) {
    if (entry.kind === 'unchanged') continue;
    const draft = await service.saveDraft(plan.app, definitions.get(entry.key));
    if (!draft.ok) {
      const errors = draft.errors.map((e) => ({
        path: `forms/${entry.key}.json${e.path}`,
        message: e.message,
      }));
      throw new PackInstallError(
        'PACK_FORM_REFUSED',
        `form ${entry.key} is not valid for the form engine`,
        errors,
      );
    }
    const result = await service.publish(plan.app, entry.key, draft.version);
    if (!result.ok) {
      const errors = result.plan.refusals.map((r) => ({
        path: `forms/${entry.key}.json`,
        message: r.reason,
      }));
      throw new PackInstallError('PACK_FORM_REFUSED', `publishing form ${entry.key} was refused`, errors);
    }
    published.push({ key: entry.key, kind: entry.kind, version: result.version });
  }
  return published;
}

async function recordInstall(
  trx: Kysely<any>,
  loaded: LoadedPack,
  pack: Pack,
  plan: PackPlan,
  actor: Actor,
  at: Date,
): Promise<void> {
  const documents: Record<string, unknown> = {};
  for (const d of [...pack.flows, ...pack.rules, ...pack.reports, ...pack.dashboards, ...pack.prints])
    documents[d.file] = withoutSchemaPointer(d.value);
  await sql`insert into tessera.installed_packs (app_key, name, version, hash, manifest, files, documents, applied_at, applied_by)
    values (${plan.app}, ${pack.manifest.name}, ${pack.manifest.version}, ${plan.pack.hash},
            ${JSON.stringify(withoutSchemaPointer(pack.manifest))}::jsonb, ${JSON.stringify(packFileHashes(loaded))}::jsonb,
            ${JSON.stringify(documents)}::jsonb, ${at}, ${actor.id})`.execute(trx);
}
