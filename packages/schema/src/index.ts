/**
 * @tessera/schema — the metamodel of the pack format: TypeBox schemas (one source of truth for
 * the TypeScript types and the JSON Schemas under schemas/) and ajv validators. No I/O.
 */
export * from './common/index.js';
