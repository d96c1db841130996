import type { ReferenceScope } from '@tessera/forms';
import type { Pack, PackDocument } from '../model/pack.js';
import type { PackError, PackErrorCode } from '../model/pack-error.js';

// The reference checks are @tessera/forms' (shared with the engines); these names keep the
// pack's checks reading as before.
export {
  checkFieldRef,
  checkFormRef,
  checkNamedRef,
  DATE_TYPES,
  type FieldInfo,
  type FieldResolution,
  NUMBER_TYPES,
  resolveField,
} from '@tessera/forms';

/**
 * What the pack defines, for cross-file checks: the shared reference scope over the pack's forms
 * (forms whose file did not pass its schema are known by key — so references to them are not
 * reported twice — but their fields are unknown), flows, reports, dashboards and roles.
 */
export interface CheckContext extends ReferenceScope {
  readonly pack: Pack;
}

/** Collects errors of one document: `error(path, message)` with the document's file. */
export class ErrorSink {
  readonly errors: PackError[] = [];

  at(doc: PackDocument<unknown> | string): Report {
    const file = typeof doc === 'string' ? doc : doc.file;
    return (path: string, message: string, code: PackErrorCode = 'unresolved_reference') => {
      this.errors.push({ code, file, path, message });
    };
  }
}

/** A pack check's report: any pack error code (a ReferenceReport for the shared checks). */
export type Report = (path: string, message: string, code?: PackErrorCode) => void;

/** Where a form / flow / report / dashboard / role would be defined, for messages. */
export const DEFINED_IN: ReferenceScope['missing'] = (what, key) => {
  switch (what) {
    case 'form':
      return `the pack has no forms/${key}.json`;
    case 'flow':
      return `the pack has no flows/${key}.json`;
    case 'report':
      return `the pack has no reports/${key}.json`;
    case 'dashboard':
      return `the pack has no dashboards/${key}.json`;
    case 'role':
      return 'roles.json has no such role';
    default: {
      const never: never = what;
      return String(never);
    }
  }
};
