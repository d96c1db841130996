import { type SchemaOptions, type TSchema, type TUnsafe, Type } from '@sinclair/typebox';
import { IDENTIFIER_PATTERN, IDENTIFIER_RULE } from './primitives.js';

/**
 * `StringEnum(['bar', 'line'])` → `{ "type": "string", "enum": ["bar", "line"] }` typed as
 * `'bar' | 'line'`. Prefer it to a union of literals: the JSON Schema stays flat and the
 * validators say "must be one of: bar, line".
 */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: SchemaOptions = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ ...options, type: 'string', enum: [...values] });
}

/**
 * An object keyed by identifiers (form keys, field keys…): `{ "customer": …, "order": … }`.
 * A key that is not an identifier is rejected with the identifier rule.
 */
export function KeyedRecord<T extends TSchema>(value: T, options: SchemaOptions = {}) {
  return Type.Record(Type.String({ pattern: IDENTIFIER_PATTERN }), value, {
    ...options,
    additionalProperties: false,
    propertyNamesErrorMessage: IDENTIFIER_RULE,
  });
}
