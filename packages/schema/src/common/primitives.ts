import { type Static, Type } from '@sinclair/typebox';

/**
 * Shared building blocks of the pack format. They carry no `$id`: they are inlined into every
 * top-level schema that uses them, so each generated file under `schemas/` stands alone.
 *
 * `patternErrorMessage` is a non-standard annotation that VS Code shows instead of the raw
 * regular expression; the ajv validators of this package use it too (see validation/).
 */

/** The key pattern: a Postgres-safe identifier (lower snake case, at most 63 characters). */
export const IDENTIFIER_PATTERN = '^[a-z][a-z0-9_]{0,62}$';
export const IDENTIFIER_RULE =
  'must start with a lowercase letter and contain only lowercase letters, digits and underscores (at most 63 characters)';

/** A key: names a form, field, flow, node, rule, report, role… and becomes a column/table name. */
export const Identifier = Type.String({
  pattern: IDENTIFIER_PATTERN,
  patternErrorMessage: IDENTIFIER_RULE,
  description: 'A key: lower snake case, starts with a letter, at most 63 characters (e.g. "customer_code").',
});
export type Identifier = Static<typeof Identifier>;

/** A stable id that survives renames (fields, nodes, widgets): letters, digits, `_` and `-`. */
export const STABLE_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$';
export const StableId = Type.String({
  pattern: STABLE_ID_PATTERN,
  patternErrorMessage:
    'must start with a letter or digit and contain only letters, digits, "_" and "-" (at most 64 characters)',
  description: 'A stable id that never changes once published, so a rename is told apart from delete + add.',
});
export type StableId = Static<typeof StableId>;

/** A pack name: lower kebab case, as an npm package name without scope (e.g. "customer-erp"). */
export const PACK_NAME_PATTERN = '^[a-z][a-z0-9-]{0,62}$';
export const PackName = Type.String({
  pattern: PACK_NAME_PATTERN,
  patternErrorMessage:
    'must start with a lowercase letter and contain only lowercase letters, digits and "-" (at most 63 characters)',
  description: 'The pack name: lower kebab case (e.g. "customer-erp").',
});
export type PackName = Static<typeof PackName>;

/** Semantic version 2.0.0 (https://semver.org), e.g. `1.2.0` or `2.0.0-beta.1`. */
export const SEMVER_PATTERN =
  '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$';
export const SemVer = Type.String({
  pattern: SEMVER_PATTERN,
  patternErrorMessage: 'must be a semantic version such as "1.0.0" or "2.1.0-beta.1"',
  description: 'A semantic version (https://semver.org).',
});
export type SemVer = Static<typeof SemVer>;

/** A semver range as npm writes it, e.g. `^1.2.0`, `>=0.1.0 <2`, `1.x`, `*`. Checked loosely. */
export const SEMVER_RANGE_PATTERN = '^[0-9A-Za-z.*^~<>=|\\- +]+$';
export const SemVerRange = Type.String({
  pattern: SEMVER_RANGE_PATTERN,
  minLength: 1,
  patternErrorMessage: 'must be a version range such as "^1.0.0", ">=0.2.0 <1" or "*"',
  description: 'A semantic-version range in npm syntax (e.g. "^1.0.0").',
});
export type SemVerRange = Static<typeof SemVerRange>;

/** An ISO 8601 duration, e.g. `P3D`, `PT4H`, `P1DT12H`. */
export const ISO_DURATION_PATTERN =
  '^P(?!$)(\\d+(?:\\.\\d+)?Y)?(\\d+(?:\\.\\d+)?M)?(\\d+(?:\\.\\d+)?W)?(\\d+(?:\\.\\d+)?D)?(T(?=\\d)(\\d+(?:\\.\\d+)?H)?(\\d+(?:\\.\\d+)?M)?(\\d+(?:\\.\\d+)?S)?)?$';
export const IsoDuration = Type.String({
  pattern: ISO_DURATION_PATTERN,
  patternErrorMessage: 'must be an ISO 8601 duration such as "P3D" (3 days), "PT4H" (4 hours) or "P1DT12H"',
  description: 'An ISO 8601 duration (e.g. "P3D", "PT4H").',
});
export type IsoDuration = Static<typeof IsoDuration>;

/**
 * The `$schema` property every pack file may carry, so editors validate it as it is typed:
 * a relative path to `schemas/<kind>.schema.json` or the schema's `$id`.
 */
export const SchemaPointer = Type.Optional(
  Type.String({
    description:
      'The JSON Schema this file follows, for editors: a relative path (e.g. "../../schemas/form.schema.json") or the $id URL.',
  }),
);

/** Free-form description (not shown to end users as a label). */
export const Description = Type.String({ description: 'A description for pack authors and admins.' });

/**
 * A field reference, optionally through links or join aliases: `amount`, `customer.tier`.
 * Each segment is an identifier.
 */
export const FIELD_PATH_PATTERN = '^[a-z][a-z0-9_]{0,62}(\\.[a-z][a-z0-9_]{0,62})*$';
export const FieldPath = Type.String({
  pattern: FIELD_PATH_PATTERN,
  patternErrorMessage:
    'must be a field key or a dotted path of field keys such as "amount" or "customer.tier" (lower snake case)',
  description: 'A field key, or a dotted path through link fields / join aliases (e.g. "customer.tier").',
});
export type FieldPath = Static<typeof FieldPath>;
