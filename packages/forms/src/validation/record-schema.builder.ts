import { type AnyField, isComputed, liveFields } from '../records/record-field';

/** Plain JSON Schema (draft 2020-12) as data. */
export type JsonSchema = Record<string, unknown>;

/** A phone number as typed: digits with optional +, spaces, dashes, dots, parentheses; 5–32 chars. */
export const PHONE_PATTERN = '^\\+?[0-9][0-9 ().-]{3,30}[0-9]$';

/**
 * The JSON Schema of a record's writable values, generated from a published form definition and
 * compiled once per published version. Nulls are removed before validation (a null clears a value;
 * `required` is checked separately because of requiredWhen/visibleWhen and defaults), so these
 * schemas describe non-null values only. Unknown keys are refused (`additionalProperties: false`).
 */
export function recordSchema(fields: readonly AnyField[], allowRowId = false): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of liveFields(fields)) properties[field.key] = fieldSchema(field);
  if (allowRowId) properties.id = { type: 'string' };
  return { type: 'object', properties, additionalProperties: false };
}

function fieldSchema(field: AnyField): JsonSchema {
  if (isComputed(field)) return {}; // refused or ignored by the read-only rule, not by type
  switch (field.type) {
    case 'text':
      return strip({
        type: 'string',
        minLength: field.minLength,
        maxLength: field.maxLength,
        pattern: field.pattern,
        patternErrorMessage:
          field.pattern === undefined ? undefined : `must match the pattern ${field.pattern}`,
      });
    case 'long_text':
      return strip({ type: 'string', minLength: field.minLength, maxLength: field.maxLength });
    case 'rich_text':
      return strip({ type: 'string', maxLength: field.maxLength });
    case 'email':
      return { type: 'string', format: 'email', maxLength: 320 };
    case 'url':
      return {
        type: 'string',
        format: 'uri',
        pattern: '^https?://',
        patternErrorMessage: 'must be an http or https URL',
      };
    case 'phone':
      return { type: 'string', pattern: PHONE_PATTERN, patternErrorMessage: 'must be a phone number' };
    case 'number':
    case 'percent':
      return strip({ type: 'number', minimum: field.min, maximum: field.max });
    case 'integer':
      return strip({ type: 'integer', minimum: field.min, maximum: field.max });
    case 'money': {
      const scale = field.scale ?? 2;
      const whole = 18 - scale;
      const decimals = scale === 0 ? '' : `(\\.[0-9]{1,${scale}})?`;
      return {
        type: 'object',
        properties: {
          amount: {
            type: 'string',
            pattern: `^-?[0-9]{1,${whole}}${decimals}$`,
            patternErrorMessage: `must be a decimal string with at most ${whole} digits before and ${scale} after the point`,
          },
          currency: {
            type: 'string',
            pattern: '^[A-Z]{3}$',
            patternErrorMessage: 'must be an ISO 4217 code',
          },
        },
        required: ['amount'],
        additionalProperties: false,
      };
    }
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'single_select':
      return { type: 'string', enum: field.options.map((o) => o.value) };
    case 'multi_select':
      return strip({
        type: 'array',
        items: { type: 'string', enum: field.options.map((o) => o.value) },
        uniqueItems: true,
        maxItems: field.maxItems,
      });
    case 'user':
      return field.multiple === true
        ? { type: 'array', items: { type: 'string', format: 'uuid' }, uniqueItems: true }
        : { type: 'string', format: 'uuid' };
    case 'department':
    case 'role':
      return field.multiple === true
        ? { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true }
        : { type: 'string', minLength: 1 };
    case 'link':
      return { type: 'string', format: 'uuid' };
    case 'attachment':
      return strip({
        type: 'array',
        maxItems: field.maxFiles,
        items: {
          type: 'object',
          // the id of an uploaded file; the rest is filled in from the stored file on write
          properties: {
            id: { type: 'string', format: 'uuid' },
            name: { type: 'string' },
            size: { type: 'integer', minimum: 0 },
            contentType: { type: 'string' },
          },
          required: ['id'],
          additionalProperties: false,
        },
      });
    case 'json':
      return {};
    case 'line_items':
      return strip({
        type: 'array',
        minItems: field.minRows,
        maxItems: field.maxRows,
        items: recordSchema(field.fields, true),
      });
    default:
      return {};
  }
}

/** Drops undefined properties (ajv strict mode refuses `minimum: undefined`). */
function strip(schema: Record<string, unknown>): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([, v]) => v !== undefined));
}
