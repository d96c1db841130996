/**
 * @tessera/packs — template packs: read a pack folder (io/), validate it in pure code
 * (validation/, checks/), plan it against the installed app (plan/), apply the plan in one
 * transaction (apply/), export an installed app back to a folder (export/), install the demo (demo/).
 */

export { joinTransaction } from './apply/join-transaction.js';
export { type ApplyOptions, type ApplyResult, applyPack } from './apply/pack-apply.runner.js';
export type { AssetStorage } from './apply/pack-assets.writer.js';
export { loadPackZip } from './archive/load-pack-zip.js';
export { packZip } from './archive/pack-zip.writer.js';
export {
  DEFAULT_ZIP_LIMITS,
  type ZipEntryInfo,
  type ZipLimits,
  zipEntryProblem,
} from './archive/zip-entry.check.js';
export { MAX_PACK_ASSET_BYTES } from './checks/asset.check.js';
export { checkRequirements, type InstalledPackVersion } from './checks/requirements.check.js';
export { parseCsv } from './demo/csv.parser.js';
export { type CsvResolver, type CsvValues, csvRecordValues } from './demo/csv-values.mapper.js';
export { type DemoDataResult, loadDemoData } from './demo/demo-data.loader.js';
export { type CreateUserFn, ensureDemoOrg } from './demo/demo-org.writer.js';
export {
  DEMO_DEPARTMENTS,
  DEMO_PASSWORD,
  DEMO_USERS,
  type DemoDepartment,
  type DemoUser,
} from './demo/demo-users.js';
export {
  type DemoGenerationResult,
  type DemoProgress,
  type GenerateDemoDataOptions,
  generateDemoData,
} from './demo/generator/demo-data.generator.js';
export { DEMO_FORMS, type DemoForm } from './demo/generator/demo-plan.js';
export { type InstallDemoOptions, type InstallDemoResult, installDemo } from './demo/install-demo.js';
export {
  PackInstallError,
  type PackInstallErrorCode,
  type PackInstallErrorDetail,
} from './errors/pack-install.error.js';
export { buildPackExport, type ExportedFile, exportedBytes } from './export/pack-export.builder.js';
export { exportPack, exportPackZip } from './export/pack-export.runner.js';
export { readInstalledPacks } from './install/installed-packs.reader.js';
export {
  type InstalledPackRecord,
  type InstalledState,
  readInstalledState,
} from './install/installed-state.reader.js';
export { loadPack } from './io/load-pack.js';
export { loadPackFolder } from './io/load-pack-folder.js';
export { canonicalize, canonicalJson, sameJson } from './model/canonical-json.js';
export {
  type DuplicateJsonKey,
  type JsonParseResult,
  type JsonSyntaxError,
  parseJsonSource,
} from './model/json-source.parser.js';
export type { LoadedPack } from './model/loaded-pack.js';
export type { Pack, PackAsset, PackDocument } from './model/pack.js';
export type { PackError, PackErrorCode } from './model/pack-error.js';
export { packHash } from './model/pack-hash.js';
export { classifyPackFile, DOCUMENT_FOLDERS, type PackFileRole } from './model/pack-layout.js';
export { TESSERA_VERSION } from './model/tessera-version.js';
export { type FormOrder, linkTargets, orderForms } from './plan/form-order.planner.js';
export { formatPackPlan } from './plan/format-pack-plan.js';
export type {
  AssetPlanEntry,
  EngineDocumentEntry,
  FormPlanEntry,
  PackPlan,
  RolePlanEntry,
} from './plan/pack-plan.js';
export {
  type PackPlanResult,
  packAppKey,
  planAgainst,
  planPack,
  type RequirementOptions,
} from './plan/pack-plan.planner.js';
export { diffRoles } from './plan/role-diff.planner.js';
export { formatPackErrors } from './validation/format-pack-errors.js';
export { type PackValidation, validatePack } from './validation/validate-pack.js';

import { loadPackFolder } from './io/load-pack-folder.js';
import { type PackValidation, validatePack } from './validation/validate-pack.js';

/** Reads and validates a pack folder: `loadPackFolder` then `validatePack`. */
export async function validatePackFolder(dir: string): Promise<PackValidation> {
  return validatePack(await loadPackFolder(dir));
}
