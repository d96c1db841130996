/**
 * Identity of the published JSON Schemas: every top-level schema of the pack format has a stable
 * `$id` under {@link SCHEMA_BASE_URL} and declares the draft 2020-12 dialect.
 */
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** Base of every `$id`; `v1` changes only with an incompatible change of the pack format. */
export const SCHEMA_BASE_URL = 'https://tessera.dev/schemas/v1/';

/** `schemaId('flow')` → `https://tessera.dev/schemas/v1/flow.schema.json`. */
export function schemaId(name: string): string {
  return `${SCHEMA_BASE_URL}${name}.schema.json`;
}

/**
 * Options for a top-level (document) schema: `$id`, `$schema`, title and description, and no
 * unknown properties. Use as the second argument of `Type.Object(…)`:
 *
 * ```ts
 * export const FlowSchema = Type.Object({ $schema: SchemaPointer, … }, documentOptions('flow', 'Flow', '…'));
 * ```
 */
export function documentOptions(name: string, title: string, description: string) {
  return {
    $id: schemaId(name),
    $schema: JSON_SCHEMA_DIALECT,
    title,
    description,
    additionalProperties: false,
  } as const;
}
