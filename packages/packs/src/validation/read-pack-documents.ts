import { type SchemaKind, validate } from '@tessera/schema';
import { checkAsset } from '../checks/asset.check.js';
import { parseJsonSource } from '../model/json-source.parser.js';
import type { LoadedPack } from '../model/loaded-pack.js';
import type { PackAsset } from '../model/pack.js';
import type { PackError } from '../model/pack-error.js';
import { classifyPackFile } from '../model/pack-layout.js';

/** One JSON document of the pack after parsing and schema validation. */
export interface PackFileDocument {
  readonly file: string;
  readonly schema: SchemaKind;
  /** The key: from the document, else (unparseable file) from the file name. */
  readonly key: string | undefined;
  /** The key its file name implies (forms/customer.json → customer); undefined for pack.json, roles.json. */
  readonly fileKey: string | undefined;
  /** The parsed value; undefined when the file is not JSON. */
  readonly value: unknown;
  /** Passed its JSON Schema: `value` has the document type. */
  readonly valid: boolean;
}

export interface PackDocuments {
  readonly documents: readonly PackFileDocument[];
  readonly dataFiles: readonly string[];
  readonly assets: readonly PackAsset[];
  readonly errors: readonly PackError[];
  /** Line and column of a JSON pointer in a file (of its nearest located ancestor). */
  readonly locate: (file: string, pointer: string) => { line: number; column: number } | undefined;
}

function keyOf(value: unknown): string | undefined {
  const key = (value as { key?: unknown } | null | undefined)?.key;
  return typeof key === 'string' ? key : undefined;
}

/**
 * Step 1 of pack validation: the layout (unknown files, missing pack.json), the print images,
 * then each JSON file's syntax, duplicate JSON keys and JSON Schema. Pure.
 */
export function readPackDocuments(loaded: LoadedPack): PackDocuments {
  const errors: PackError[] = [...(loaded.diagramErrors ?? [])];
  const documents: PackFileDocument[] = [];
  const locators = new Map<string, (pointer: string) => { line: number; column: number } | undefined>();

  for (const { path: file, text } of loaded.jsonFiles) {
    const role = classifyPackFile(file);
    if (role.kind !== 'document') {
      errors.push({
        code: 'unknown_file',
        file,
        path: '',
        message: role.kind === 'unknown' ? role.reason : 'unknown file',
      });
      continue;
    }
    const parsed = parseJsonSource(text);
    if (!parsed.ok) {
      const { message, line, column } = parsed.error;
      errors.push({ code: 'json_syntax', file, path: '', message: `invalid JSON: ${message}`, line, column });
      documents.push({
        file,
        schema: role.schema,
        key: role.key,
        fileKey: role.key,
        value: undefined,
        valid: false,
      });
      continue;
    }
    locators.set(file, parsed.locate);
    for (const d of parsed.duplicateKeys) {
      const message = `property '${d.key}' appears twice in the same object`;
      errors.push({
        code: 'duplicate_json_key',
        file,
        path: d.path,
        message,
        line: d.line,
        column: d.column,
      });
    }
    const checked = validate(role.schema, parsed.value);
    if (!checked.ok)
      for (const e of checked.errors) errors.push({ code: 'schema', file, path: e.path, message: e.message });
    const key = keyOf(parsed.value) ?? role.key;
    documents.push({
      file,
      schema: role.schema,
      key,
      fileKey: role.key,
      value: parsed.value,
      valid: checked.ok,
    });
  }

  const dataFiles: string[] = [];
  const assets: PackAsset[] = [];
  const assetBytes = new Map((loaded.assetFiles ?? []).map((f) => [f.path, f.bytes]));
  for (const file of loaded.otherFiles) {
    const role = classifyPackFile(file);
    if (role.kind === 'document') continue; // a BPMN diagram that did not import: its errors are there
    if (role.kind === 'data') dataFiles.push(file);
    else if (role.kind === 'asset') {
      const checked = checkAsset(file, role.name, assetBytes.get(file));
      if (checked.ok) assets.push(checked.asset);
      else errors.push(checked.error);
    } else if (role.kind === 'unknown')
      errors.push({ code: 'unknown_file', file, path: '', message: role.reason });
  }
  if (!loaded.jsonFiles.some((f) => f.path === 'pack.json')) {
    const message = 'missing: every pack has a pack.json (name, version, title)';
    errors.push({ code: 'missing_file', file: 'pack.json', path: '', message });
  }

  const locate = (file: string, pointer: string) => {
    const find = locators.get(file);
    if (!find) return undefined;
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const found = find(p);
      if (found || p === '') return found;
    }
  };
  return { documents, dataFiles, assets, errors, locate };
}
