/** Why installing (planning, applying, exporting) a pack failed — a stable code per reason. */
export type PackInstallErrorCode =
  | 'invalid_pack' // the pack does not validate
  | 'stale_plan' // the installed state changed since the plan was made
  | 'plan_mismatch' // the plan was made for another pack (or another version of its files)
  | 'form_refused' // the form engine refused to publish a form (data checks, impossible change)
  | 'engine_refused' // the flow, rule or report engine refused a document of the pack
  | 'dependency_cycle' // forms link to each other in a cycle: no order publishes them all
  | 'app_not_found' // export of an app that is not installed
  | 'not_empty' // export into a folder that has files
  | 'invalid_archive' // a .zip that is damaged, unsafe (paths escaping the pack, links) or too large
  | 'unmet_requirement'; // pack.json `requires` a Tessera version or packs that are not installed

/** `user`: the caller can fix it (4xx); `operational`: retry or investigate (5xx). */
export type PackInstallErrorCategory = 'user' | 'operational';

export interface PackInstallErrorDetail {
  readonly path: string;
  readonly message: string;
}

export class PackInstallError extends Error {
  override readonly name = 'PackInstallError';
  readonly category: PackInstallErrorCategory;

  constructor(
    readonly code: PackInstallErrorCode,
    message: string,
    readonly errors: readonly PackInstallErrorDetail[] = [],
  ) {
    super(message);
    this.category = code === 'stale_plan' ? 'operational' : 'user';
  }
}
