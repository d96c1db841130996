import { carryOverDeletedFields, planFormChange } from '@tessera/forms';
import type { FormDefinition } from '@tessera/schema';
import type { Kysely } from 'kysely';
import { checkRequirements } from '../checks/requirements.check.js';
import { readInstalledPacks } from '../install/installed-packs.reader.js';
import { type InstalledState, readInstalledState } from '../install/installed-state.reader.js';
import { sameJson } from '../model/canonical-json.js';
import type { LoadedPack } from '../model/loaded-pack.js';
import type { Pack } from '../model/pack.js';
import type { PackError } from '../model/pack-error.js';
import { packHash } from '../model/pack-hash.js';
import { TESSERA_VERSION } from '../model/tessera-version.js';
import { validatePack } from '../validation/validate-pack.js';
import { orderForms } from './form-order.planner.js';
import type { AssetPlanEntry, EngineDocumentEntry, FormPlanEntry, PackPlan } from './pack-plan.js';
import { diffRoles } from './role-diff.planner.js';

export type PackPlanResult =
  | { readonly ok: true; readonly plan: PackPlan; readonly pack: Pack }
  | { readonly ok: false; readonly errors: readonly PackError[] };

/** The app a pack installs into: `app` of pack.json, else its name with "-" → "_". */
export function packAppKey(pack: Pack): string {
  return pack.manifest.app ?? pack.manifest.name.replace(/-/g, '_');
}

/** A document as stored and published: without its editor hint `$schema`. */
export function withoutSchemaPointer<T>(doc: T): T {
  const { $schema: _, ...rest } = doc as T & { $schema?: unknown };
  return rest as T;
}

/** Options of planPack and applyPack. */
export interface RequirementOptions {
  /** The Tessera version `requires.tessera` is checked against (default: this one). */
  readonly tesseraVersion?: string;
}

/**
 * Plans applying a pack (reads the installed state, changes nothing): validates the pack, checks
 * its `requires` (Tessera version, installed packs), then per form new / changed (the form
 * engine's own migration plan) / unchanged, per role added / changed / unchanged / removed, and
 * the flows, rules, reports and dashboards new / changed / unchanged.
 */
export async function planPack(
  db: Kysely<any>,
  loaded: LoadedPack,
  options: RequirementOptions = {},
): Promise<PackPlanResult> {
  const validation = validatePack(loaded);
  if (!validation.ok) return validation;
  const { pack } = validation;
  const unmet = checkRequirements(pack.manifest, {
    tesseraVersion: options.tesseraVersion ?? TESSERA_VERSION,
    installed: await readInstalledPacks(db),
  });
  if (unmet.length > 0) return { ok: false, errors: unmet };
  const state = await readInstalledState(db, packAppKey(pack));
  return { ok: true, pack, plan: planAgainst(pack, packHash(loaded), state) };
}

/** The pure half of planPack: a validated pack against an installed state. */
export function planAgainst(pack: Pack, hash: string, state: InstalledState): PackPlan {
  const app = state.app;
  const definitions = new Map(pack.forms.map((d) => [d.value.key, withoutSchemaPointer(d.value)]));
  const refusals: { path: string; message: string }[] = [];
  const order = orderForms([...definitions.values()]);
  if (!order.ok) {
    refusals.push({
      path: 'forms',
      message: `forms link to each other in a cycle (${order.cycle.join(' → ')}): no order can publish them`,
    });
  }
  const keys = order.ok ? order.order : [...definitions.keys()].sort();
  let schemaExists = state.forms.size > 0;
  const forms: FormPlanEntry[] = keys.map((key) => {
    const next = definitions.get(key) as FormDefinition;
    const published = state.forms.get(key);
    if (published && sameJson(carryOverDeletedFields(published.definition, next), published.definition))
      return { kind: 'unchanged', key, version: published.version };
    const plan = planFormChange({ appKey: app, previous: published?.definition ?? null, next, schemaExists });
    schemaExists = true;
    for (const r of plan.refusals) {
      const field = r.fieldId ? ` (field ${r.fieldId})` : '';
      refusals.push({ path: `forms/${key}.json`, message: `${r.code}${field}: ${r.reason}` });
    }
    return published
      ? { kind: 'changed', key, fromVersion: published.version, plan }
      : { kind: 'new', key, plan };
  });
  const inPack = new Set(definitions.keys());
  const keptForms = [...state.forms.keys()].filter((k) => !inPack.has(k)).sort();
  const roles = diffRoles(state.roles, (pack.roles?.value.roles ?? []).map(withoutSchemaPointer));
  const installedDocs = state.pack?.documents ?? {};
  const entry =
    (kind: EngineDocumentEntry['kind']) =>
    (d: { file: string; value: { key: string } }): EngineDocumentEntry => {
      const before = installedDocs[d.file];
      const status =
        before === undefined
          ? 'new'
          : sameJson(before, withoutSchemaPointer(d.value))
            ? 'unchanged'
            : 'changed';
      return { kind, key: d.value.key, file: d.file, status };
    };
  const documents: EngineDocumentEntry[] = [
    ...pack.flows.map(entry('flow')),
    ...pack.rules.map(entry('rule')),
    ...pack.reports.map(entry('report')),
    ...pack.dashboards.map(entry('dashboard')),
    ...pack.prints.map(entry('print')),
  ];
  const installedFiles = state.pack?.files ?? {};
  const assets: AssetPlanEntry[] = pack.assets.map((a) => ({
    name: a.name,
    file: a.file,
    status:
      installedFiles[a.file] === undefined
        ? 'new'
        : installedFiles[a.file] === a.sha256
          ? 'unchanged'
          : 'changed',
  }));
  const noop =
    refusals.length === 0 &&
    assets.every((a) => a.status === 'unchanged') &&
    forms.every((f) => f.kind === 'unchanged') &&
    roles.every((r) => r.kind === 'unchanged') &&
    documents.every((d) => d.status === 'unchanged') &&
    state.pack?.hash === hash;
  return {
    app,
    pack: { name: pack.manifest.name, version: pack.manifest.version, hash },
    previous: state.pack
      ? { name: state.pack.name, version: state.pack.version, hash: state.pack.hash }
      : null,
    installedHash: state.hash,
    forms,
    keptForms,
    roles,
    documents,
    assets,
    refusals,
    noop,
  };
}
