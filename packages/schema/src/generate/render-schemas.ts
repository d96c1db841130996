import { SCHEMA_KINDS, SCHEMAS, type SchemaKind } from '../registry.js';

/** File name of a kind's generated schema in `schemas/`. */
export function schemaFileName(kind: SchemaKind): string {
  return `${kind}.schema.json`;
}

/**
 * The text of every generated JSON Schema file, by file name: the TypeBox schema as JSON
 * (TypeBox's symbol keys drop out), two-space indented, ending with a newline. Pure — the
 * generate script writes these to `schemas/`, and a test checks the committed files equal them.
 */
export function renderSchemas(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const kind of SCHEMA_KINDS)
    files[schemaFileName(kind)] = `${JSON.stringify(SCHEMAS[kind], null, 2)}\n`;
  return files;
}
