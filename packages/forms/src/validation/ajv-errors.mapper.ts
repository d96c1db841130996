import { type FieldErrorCode, type FieldErrorParams, fieldError, isFieldErrorCode } from '@tessera/schema';
import type { ErrorObject } from 'ajv';
import type { FieldError } from '../records/records.error';

/**
 * Turns ajv errors into field errors with record paths (`/items/3/qty` → `items[3].qty`,
 * `/price/amount` → `price.amount`), each with a stable code, its params and the English text.
 * One error per path.
 */
export function mapAjvErrors(errors: readonly ErrorObject[] | null | undefined): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    let path = recordPath(error.instancePath);
    if (error.keyword === 'additionalProperties') {
      path = join(path, String(error.params.additionalProperty));
    } else if (error.keyword === 'required') {
      path = join(path, String(error.params.missingProperty));
    }
    const [code, params] = coded(error);
    const item = fieldError(path || '(record)', code, params);
    // One message per path: the first one ajv found (e.g. not both "not a URL" and "not http").
    if (!seen.has(item.path)) {
      seen.add(item.path);
      out.push(item);
    }
  }
  return out;
}

/** A JSON pointer as a record path: numeric segments become `[i]`. */
export function recordPath(pointer: string): string {
  let path = '';
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path = /^\d+$/.test(segment) ? `${path}[${segment}]` : join(path, segment);
  }
  return path;
}

function join(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

/** The code of a string format (the record value schemas use these). */
const FORMAT_CODES: Readonly<Record<string, FieldErrorCode>> = {
  email: 'FIELD_EMAIL',
  uri: 'FIELD_URL',
  date: 'FIELD_DATE',
  'date-time': 'FIELD_DATETIME',
  uuid: 'FIELD_RECORD_ID',
};

type Coded = readonly [FieldErrorCode, FieldErrorParams?];

/** The stable code and params of one ajv error (the English text comes from them). */
function coded(error: ErrorObject): Coded {
  const p = error.params as Record<string, any>;
  const parent = error.parentSchema as Record<string, unknown> | undefined;
  const rows = parent?.items !== undefined && isRowSchema(parent.items);
  switch (error.keyword) {
    case 'additionalProperties':
      return ['FIELD_UNKNOWN'];
    case 'required':
      return ['FIELD_REQUIRED'];
    case 'type':
      return ['FIELD_TYPE', { type: String(p.type), expected: article(String(p.type)) }];
    case 'enum':
      return ['FIELD_OPTION', { options: (p.allowedValues as unknown[]).map(String).join(', ') }];
    case 'pattern': {
      const code = parent?.patternErrorCode;
      if (typeof code === 'string' && isFieldErrorCode(code))
        return [code, (parent?.patternErrorParams as FieldErrorParams | undefined) ?? {}];
      return ['FIELD_PATTERN', { pattern: String(p.pattern) }];
    }
    case 'format': {
      const code = FORMAT_CODES[String(p.format)];
      return code ? [code] : ['FIELD_FORMAT', { format: String(p.format) }];
    }
    case 'minLength':
      return ['FIELD_TOO_SHORT', { limit: p.limit }];
    case 'maxLength':
      return ['FIELD_TOO_LONG', { limit: p.limit }];
    case 'minimum':
      return ['FIELD_MIN', { limit: p.limit }];
    case 'maximum':
      return ['FIELD_MAX', { limit: p.limit }];
    // The column's bound (registry: numberValue): 10^digits less half a unit of the last place.
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      return ['FIELD_DIGITS', { digits: Math.round(Math.log10(Math.abs(Number(p.limit)))) }];
    case 'minItems':
      return [rows ? 'FIELD_MIN_ROWS' : 'FIELD_MIN_ITEMS', { limit: p.limit }];
    case 'maxItems':
      return [rows ? 'FIELD_MAX_ROWS' : 'FIELD_MAX_ITEMS', { limit: p.limit }];
    case 'uniqueItems':
      return ['FIELD_REPEATED'];
    default:
      return ['FIELD_INVALID'];
  }
}

function isRowSchema(items: unknown): boolean {
  const props = (items as { properties?: Record<string, unknown> }).properties;
  return props !== undefined && 'id' in props;
}

function article(type: string): string {
  switch (type) {
    case 'integer':
      return 'a whole number';
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    case 'boolean':
      return 'true or false';
    default:
      return `a ${type}`;
  }
}
