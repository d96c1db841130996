import type { PackManifest } from '@tessera/schema';
import semver from 'semver';
import type { PackError } from '../model/pack-error.js';

/** A pack installed in some app: its name and version (the last applied to that app). */
export interface InstalledPackVersion {
  readonly app: string;
  readonly name: string;
  readonly version: string;
}

/**
 * `requires` of pack.json against this Tessera and the installed packs (pure): one error per unmet
 * requirement, naming what is missing and what is there instead. Prereleases satisfy a range
 * only when it names them (semver's rule).
 */
export function checkRequirements(
  manifest: PackManifest,
  env: { readonly tesseraVersion: string; readonly installed: readonly InstalledPackVersion[] },
): PackError[] {
  const errors: PackError[] = [];
  const requires = manifest.requires ?? {};
  const error = (path: string, message: string) =>
    errors.push({ code: 'unmet_requirement', file: 'pack.json', path, message });
  if (requires.tessera && !semver.satisfies(env.tesseraVersion, requires.tessera))
    error(
      '/requires/tessera',
      `the pack needs Tessera ${requires.tessera}, this is Tessera ${env.tesseraVersion}`,
    );
  for (const [name, range] of Object.entries(requires.packs ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const path = `/requires/packs/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const found = env.installed.filter((p) => p.name === name);
    if (found.length === 0) {
      error(path, `the pack needs pack ${name} ${range} installed first; it is not installed`);
      continue;
    }
    if (!found.some((p) => semver.satisfies(p.version, range))) {
      const have = found.map((p) => `${p.version} in app ${p.app}`).join(', ');
      error(path, `the pack needs pack ${name} ${range}; installed: ${have}`);
    }
  }
  return errors;
}
