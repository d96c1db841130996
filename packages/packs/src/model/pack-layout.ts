import type { SchemaKind } from '@tessera/schema';

/** What a file of a pack folder is, from its relative path alone. */
export type PackFileRole =
  | { readonly kind: 'document'; readonly schema: SchemaKind; readonly key?: string }
  | { readonly kind: 'data'; readonly form: string }
  | { readonly kind: 'doc' }
  /** A print image (logo, stamp) of prints/assets/, named by print templates as `asset`. */
  | { readonly kind: 'asset'; readonly name: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/** Folders whose `*.json` files are one document each, keyed by their file name. */
export const DOCUMENT_FOLDERS = {
  forms: 'form',
  flows: 'flow',
  rules: 'rule',
  reports: 'report',
  dashboards: 'dashboard',
  prints: 'print',
} as const satisfies Record<string, SchemaKind>;

const LAYOUT_HINT =
  'a pack holds pack.json, roles.json, forms/*.json, flows/*.json|bpmn, rules/*.json, reports/*.json, dashboards/*.json, prints/*.json, prints/assets/*.png|jpg, data/*.csv and README/LICENSE/CHANGELOG files';

/** The file name of a print image, as the print template schema's `asset` takes it. */
const ASSET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\.(png|jpe?g)$/;

/** Classifies a `/`-separated path relative to the pack folder. Pure. */
export function classifyPackFile(path: string): PackFileRole {
  const parts = path.split('/');
  if (parts.length === 1) {
    if (path === 'pack.json') return { kind: 'document', schema: 'pack' };
    if (path === 'roles.json') return { kind: 'document', schema: 'roles' };
    if (/^(README|LICENSE|LICENCE|CHANGELOG|NOTICE)(\.[A-Za-z-]+)*(\.(md|txt))?$/i.test(path))
      return { kind: 'doc' };
    return { kind: 'unknown', reason: `unknown file: ${LAYOUT_HINT}` };
  }
  const [folder, name] = parts as [string, string];
  if (folder === 'prints' && name === 'assets') {
    const file = parts[2] ?? '';
    if (parts.length === 3 && ASSET_NAME.test(file)) return { kind: 'asset', name: file };
    return {
      kind: 'unknown',
      reason:
        'unknown file: prints/assets/ holds only .png and .jpg images named with letters, digits, "_", "-" and "." (no subfolders)',
    };
  }
  if (parts.length === 2 && folder === 'flows' && name.endsWith('.bpmn'))
    return { kind: 'document', schema: 'flow', key: name.slice(0, -'.bpmn'.length) };
  if (parts.length === 2 && folder in DOCUMENT_FOLDERS) {
    if (!name.endsWith('.json'))
      return {
        kind: 'unknown',
        reason: `unknown file: ${folder}/ holds only .json files${folder === 'flows' ? ' and BPMN diagrams (.bpmn)' : ''}`,
      };
    const schema = DOCUMENT_FOLDERS[folder as keyof typeof DOCUMENT_FOLDERS];
    return { kind: 'document', schema, key: name.slice(0, -'.json'.length) };
  }
  if (parts.length === 2 && folder === 'data') {
    if (!name.endsWith('.csv'))
      return { kind: 'unknown', reason: 'unknown file: data/ holds only .csv files' };
    return { kind: 'data', form: name.slice(0, -'.csv'.length) };
  }
  return { kind: 'unknown', reason: `unknown file: ${LAYOUT_HINT}` };
}
