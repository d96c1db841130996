import type { SchemaKind } from '@tessera/schema';

/** What a file of a pack folder is, from its relative path alone. */
export type PackFileRole =
  | { readonly kind: 'document'; readonly schema: SchemaKind; readonly key?: string }
  | { readonly kind: 'data'; readonly form: string }
  | { readonly kind: 'doc' }
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
  'a pack holds pack.json, roles.json, forms/*.json, flows/*.json, rules/*.json, reports/*.json, dashboards/*.json, prints/*.json, data/*.csv and README/LICENSE/CHANGELOG files';

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
  if (parts.length === 2 && folder in DOCUMENT_FOLDERS) {
    if (!name.endsWith('.json'))
      return { kind: 'unknown', reason: `unknown file: ${folder}/ holds only .json files` };
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
