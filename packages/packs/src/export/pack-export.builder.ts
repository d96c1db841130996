import { schemaId } from '@tessera/schema';
import type { InstalledState } from '../install/installed-state.reader.js';
import { canonicalJson } from '../model/canonical-json.js';

/** One file of an exported pack: relative path and exact text (JSON) or bytes (a print image). */
export type ExportedFile =
  | { readonly path: string; readonly text: string }
  | { readonly path: string; readonly bytes: Buffer };

/** The bytes of a file of an export. */
export const exportedBytes = (file: ExportedFile): Buffer =>
  'bytes' in file ? file.bytes : Buffer.from(file.text, 'utf8');

const KIND_BY_FOLDER: Record<string, string> = {
  flows: 'flow',
  rules: 'rule',
  reports: 'report',
  dashboards: 'dashboard',
  prints: 'print',
};

const withPointer = (kind: string, doc: unknown) => ({ $schema: schemaId(kind), ...(doc as object) });

/**
 * The files of an installed app as a pack (pure): pack.json (the installed manifest, or one made
 * from the app), one file per published form (its published definition), roles.json, and the
 * documents kept from the installed pack that no engine applies yet, and the print images
 * (`images`: name → bytes, read by the caller). Canonical JSON, sorted by path, so the same
 * installed state always gives the same bytes.
 */
export function buildPackExport(
  state: InstalledState,
  images: ReadonlyMap<string, Buffer> = new Map(),
): ExportedFile[] {
  const manifest = state.pack?.manifest ?? {
    name: state.app.replace(/_/g, '-'),
    version: '0.0.0',
    title: state.title && Object.keys(state.title).length > 0 ? state.title : { en: state.app },
    app: state.app,
  };
  const files: ExportedFile[] = [{ path: 'pack.json', text: canonicalJson(withPointer('pack', manifest)) }];
  for (const [key, form] of state.forms)
    files.push({ path: `forms/${key}.json`, text: canonicalJson(withPointer('form', form.definition)) });
  if (state.roles.length > 0)
    files.push({ path: 'roles.json', text: canonicalJson(withPointer('roles', { roles: state.roles })) });
  for (const [path, doc] of Object.entries(state.pack?.documents ?? {})) {
    const kind = KIND_BY_FOLDER[path.split('/')[0] ?? ''];
    if (kind) files.push({ path, text: canonicalJson(withPointer(kind, doc)) });
  }
  for (const [name, bytes] of images) files.push({ path: `prints/assets/${name}`, bytes });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
