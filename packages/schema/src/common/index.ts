/** Shared building blocks of the pack format — import these, do not redefine them. */
export { KeyedRecord, StringEnum } from './builders.js';
export { escapeFormula, unescapeFormula } from './formula-escape.js';
export { jsonTextTooDeep, jsonValueTooDeep } from './json-depth.js';
export { JsonLogic, JsonValue } from './json-logic.js';
export { LABEL_LANGUAGES, Label, type LabelLanguage } from './label.js';
export {
  Description,
  FIELD_PATH_PATTERN,
  FieldPath,
  IDENTIFIER_PATTERN,
  IDENTIFIER_RULE,
  Identifier,
  ISO_DURATION_PATTERN,
  IsoDuration,
  PACK_NAME_PATTERN,
  PackName,
  SchemaPointer,
  SEMVER_PATTERN,
  SEMVER_RANGE_PATTERN,
  SemVer,
  SemVerRange,
  STABLE_ID_PATTERN,
  StableId,
} from './primitives.js';
export { documentOptions, JSON_SCHEMA_DIALECT, SCHEMA_BASE_URL, schemaId } from './schema-id.js';
export { findUnstorableText, type TextProblem, unstorableText } from './storable-text.js';
