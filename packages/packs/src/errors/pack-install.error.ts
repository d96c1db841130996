import { TesseraError } from '@tessera/schema';

/** Why installing (planning, applying, exporting) a pack failed — a catalogue code per reason. */
export type PackInstallErrorCode =
  | 'PACK_INVALID' // the pack does not validate
  | 'PACK_PLAN_STALE' // the installed state changed since the plan was made
  | 'PACK_PLAN_MISMATCH' // the plan was made for another pack (or another version of its files)
  | 'PACK_FORM_REFUSED' // the form engine refused to publish a form (data checks, impossible change)
  | 'PACK_ENGINE_REFUSED' // the flow, rule or report engine refused a document of the pack
  | 'APP_NOT_FOUND' // export of an app that is not installed
  | 'EXPORT_TARGET_NOT_EMPTY' // export into a folder that has files
  | 'PACK_ARCHIVE_INVALID' // a .zip that is damaged, unsafe (paths escaping the pack, links) or too large
  | 'PACK_REQUIREMENT_UNMET'; // pack.json `requires` a Tessera version or packs that are not installed

export interface PackInstallErrorDetail {
  readonly path: string;
  readonly message: string;
}

export class PackInstallError extends TesseraError<PackInstallErrorCode> {
  override readonly name = 'PackInstallError';

  constructor(code: PackInstallErrorCode, message: string, errors: readonly PackInstallErrorDetail[] = []) {
    super(code, message, { errors });
  }
}
