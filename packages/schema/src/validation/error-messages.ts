import type { ErrorObject } from 'ajv';
import { closest } from './closest-word.js';

/**
 * Plain-words messages for single ajv errors (one keyword each). Unions are handled by
 * union-errors.ts before these are called.
 */

type AnySchema = Record<string, unknown>;

const FORMAT_MESSAGES: Record<string, string> = {
  date: 'must be a date such as "2026-01-31"',
  'date-time': 'must be a date and time such as "2026-01-31T09:30:00Z"',
  time: 'must be a time such as "09:30:00"',
  email: 'must be an e-mail address',
  uri: 'must be an absolute URL such as "https://example.com/hook"',
  'uri-reference': 'must be a URL or a relative path',
  uuid: 'must be a UUID',
  hostname: 'must be a host name',
  ipv4: 'must be an IPv4 address',
  ipv6: 'must be an IPv6 address',
  regex: 'must be a regular expression',
  duration: 'must be an ISO 8601 duration such as "P3D"',
};

/** `a string`, `an object`, `an integer`… */
export function typeName(type: string): string {
  switch (type) {
    case 'integer':
    case 'object':
    case 'array':
      return `an ${type}`;
    case 'null':
      return 'null';
    default:
      return `a ${type}`;
  }
}

/** The JSON type of a value, as JSON Schema names it. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function got(value: unknown): string {
  if (value === undefined) return '';
  const type = jsonType(value);
  return type === 'object' || type === 'array' ? ` (got ${typeName(type)})` : ` (got ${show(value)})`;
}

export function listValues(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : show(v))).join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The message for one ajv error, or undefined when the error only repeats others (`if`). */
export function messageFor(error: ErrorObject): string | undefined {
  const params = error.params as Record<string, any>;
  const parent = (error.parentSchema ?? {}) as AnySchema;
  switch (error.keyword) {
    case 'required':
      return `missing required property '${params.missingProperty}'`;
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      if (parent.patternProperties && typeof parent.propertyNamesErrorMessage === 'string') {
        return `'${name}' is not a valid key: it ${parent.propertyNamesErrorMessage}`;
      }
      const known = Object.keys((parent.properties as AnySchema | undefined) ?? {});
      const suggestion = closest(name, known);
      return `unknown property '${name}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`;
    }
    case 'enum': {
      const allowed = params.allowedValues as unknown[];
      const suggestion =
        typeof error.data === 'string' ? closest(error.data, allowed.map(String)) : undefined;
      return `must be one of: ${listValues(allowed)}${got(error.data)}${suggestion ? ` — did you mean "${suggestion}"?` : ''}`;
    }
    case 'const':
      return `must be ${show(params.allowedValue)}${got(error.data)}`;
    case 'type': {
      const types = String(params.type).split(',');
      return `must be ${types.map(typeName).join(' or ')} (got ${typeName(jsonType(error.data))})`;
    }
    case 'pattern': {
      const explained = parent.patternErrorMessage;
      return `${typeof explained === 'string' ? explained : `must match the pattern ${params.pattern}`}${got(error.data)}`;
    }
    case 'format':
      return `${FORMAT_MESSAGES[params.format] ?? `must be a valid ${params.format}`}${got(error.data)}`;
    case 'minLength':
      return params.limit === 1
        ? 'must not be empty'
        : `must be at least ${plural(params.limit, 'character')} long`;
    case 'maxLength':
      return `must be at most ${plural(params.limit, 'character')} long`;
    case 'minimum':
      return `must be ${params.limit} or more${got(error.data)}`;
    case 'maximum':
      return `must be ${params.limit} or less${got(error.data)}`;
    case 'exclusiveMinimum':
      return `must be greater than ${params.limit}${got(error.data)}`;
    case 'exclusiveMaximum':
      return `must be less than ${params.limit}${got(error.data)}`;
    case 'multipleOf':
      return `must be a multiple of ${params.multipleOf}${got(error.data)}`;
    case 'minItems':
      return params.limit === 1
        ? 'must have at least one item'
        : `must have at least ${plural(params.limit, 'item')}`;
    case 'maxItems':
      return `must have at most ${plural(params.limit, 'item')}`;
    case 'uniqueItems':
      return `must not contain duplicates (items ${Math.min(params.i, params.j)} and ${Math.max(params.i, params.j)} are equal)`;
    case 'minProperties': {
      const known = Object.keys((parent.properties as AnySchema | undefined) ?? {});
      if (params.limit === 1 && known.length > 0) return `must have at least one of: ${known.join(', ')}`;
      return `must have at least ${plural(params.limit, 'property')}`.replace('propertys', 'properties');
    }
    case 'maxProperties':
      return `must have at most ${plural(params.limit, 'property')}`.replace('propertys', 'properties');
    case 'dependentRequired':
      return `property '${params.property}' requires property '${params.missingProperty}'`;
    case 'if':
      return undefined;
    default:
      return error.message ?? 'is invalid';
  }
}
