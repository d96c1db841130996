import { createFormService, listForms } from '@tessera/forms';
import { systemClock } from '@tessera/logic';
import { type PrintAssetRow, storedAssets } from '@tessera/print';
import type { FormDefinition, Label, PackManifest, RoleDefinition } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import { canonicalize } from '../model/canonical-json.js';
import { sha256 } from '../model/pack-hash.js';
import { readEngineVersions } from './engine-versions.reader.js';

/** The last pack applied to an app (a row of tessera.installed_packs). */
export interface InstalledPackRecord {
  readonly name: string;
  readonly version: string;
  readonly hash: string;
  readonly manifest: PackManifest;
  readonly files: Readonly<Record<string, string>>;
  /** The flows, rules, reports and dashboards as the pack installed them: { path: document } (export writes these). */
  readonly documents: Readonly<Record<string, unknown>>;
  readonly appliedAt: Date;
  readonly appliedBy: string | null;
}

/** What an app has installed, as far as packs are concerned. */
export interface InstalledState {
  readonly app: string;
  readonly exists: boolean;
  readonly title: Label | null;
  /** Published forms by key (forms never published are absent). */
  readonly forms: ReadonlyMap<string, { readonly version: number; readonly definition: FormDefinition }>;
  /** Roles of the app, in roles.json order. */
  readonly roles: readonly RoleDefinition[];
  readonly pack: InstalledPackRecord | null;
  /** The print images of the app (prints/assets/), by name; the bytes are read on export only. */
  readonly assets: ReadonlyMap<string, PrintAssetRow>;
  /**
   * Hash of all of the above and of the versions the engines hold of the pack's flows, rules,
   * reports and dashboards: a plan made against it applies only while it is unchanged.
   */
  readonly hash: string;
}

const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** Reads the installed state of an app (`db` may be a transaction: the apply re-reads it there). */
export async function readInstalledState(db: Kysely<any>, app: string): Promise<InstalledState> {
  const appRow = await sql<{ title: unknown }>`select title from tessera.apps where key = ${app}`.execute(db);
  const forms = new Map<string, { version: number; definition: FormDefinition }>();
  const service = createFormService({ db, actor: { id: null }, clock: systemClock });
  for (const form of (await listForms(db, app)) ?? []) {
    if (form.publishedVersion === null) continue;
    const published = await service.getPublished(app, form.key);
    if (published) forms.set(form.key, published);
  }
  const roleRows = await sql<{ definition: unknown }>`
    select definition from tessera.app_roles where app_key = ${app} order by position, role_key`.execute(db);
  const roles = roleRows.rows.map((r) => json<RoleDefinition>(r.definition));
  const packRow = await sql<{
    name: string;
    version: string;
    hash: string;
    manifest: unknown;
    files: unknown;
    documents: unknown;
    applied_at: Date;
    applied_by: string | null;
  }>`select name, version, hash, manifest, files, documents, applied_at, applied_by
     from tessera.installed_packs where app_key = ${app} order by id desc limit 1`.execute(db);
  const p = packRow.rows[0];
  const pack: InstalledPackRecord | null = p
    ? {
        name: p.name,
        version: p.version,
        hash: p.hash,
        manifest: json(p.manifest),
        files: json(p.files),
        documents: json(p.documents),
        appliedAt: p.applied_at,
        appliedBy: p.applied_by,
      }
    : null;
  const assets = appRow.rows.length > 0 ? await storedAssets(db, app) : new Map<string, PrintAssetRow>();
  const fingerprint = {
    forms: [...forms.entries()].map(([key, f]) => [key, f.version]).sort(),
    roles: roles.map((r) => canonicalize(r)),
    pack: pack?.hash ?? null,
    engines: pack ? await readEngineVersions(db, app, Object.keys(pack.documents)) : {},
    ...(assets.size > 0 ? { assets: [...assets.values()].map((a) => [a.name, a.sha256]) } : {}),
  };
  const title = appRow.rows[0] ? json<Label>(appRow.rows[0].title) : null;
  return {
    app,
    exists: appRow.rows.length > 0,
    title,
    forms,
    roles,
    pack,
    assets,
    hash: sha256(JSON.stringify(fingerprint)),
  };
}
