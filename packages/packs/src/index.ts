/**
 * @tessera/packs — template packs. For now: read a pack folder (io/) and validate it in pure
 * code (validation/, checks/). Plan, apply and export come with issue 8.
 */
export { loadPackFolder } from './io/load-pack-folder.js';
export {
  type DuplicateJsonKey,
  type JsonParseResult,
  type JsonSyntaxError,
  parseJsonSource,
} from './model/json-source.parser.js';
export type { LoadedPack } from './model/loaded-pack.js';
export type { Pack, PackDocument } from './model/pack.js';
export type { PackError, PackErrorCode } from './model/pack-error.js';
export { classifyPackFile, DOCUMENT_FOLDERS, type PackFileRole } from './model/pack-layout.js';
export { formatPackErrors } from './validation/format-pack-errors.js';
export { type PackValidation, validatePack } from './validation/validate-pack.js';

import { loadPackFolder } from './io/load-pack-folder.js';
import { type PackValidation, validatePack } from './validation/validate-pack.js';

/** Reads and validates a pack folder: `loadPackFolder` then `validatePack`. */
export async function validatePackFolder(dir: string): Promise<PackValidation> {
  return validatePack(await loadPackFolder(dir));
}
