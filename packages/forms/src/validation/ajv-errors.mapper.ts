import type { ErrorObject } from 'ajv';
import type { FieldError } from '../records/records.error';

/**
 * Turns ajv errors into field errors with record paths (`/items/3/qty` → `items[3].qty`,
 * `/price/amount` → `price.amount`) and plain messages. One error per path.
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
    const item = { path: path || '(record)', message: message(error) };
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

const FORMAT_MESSAGES: Readonly<Record<string, string>> = {
  email: 'must be an e-mail address',
  uri: 'must be a URL',
  date: 'must be a date (YYYY-MM-DD)',
  'date-time': 'must be a date and time (ISO 8601 with a time zone)',
  uuid: 'must be a record id (uuid)',
};

function message(error: ErrorObject): string {
  const p = error.params as Record<string, any>;
  const parent = error.parentSchema as Record<string, unknown> | undefined;
  switch (error.keyword) {
    case 'additionalProperties':
      return 'is not a field of this form';
    case 'required':
      return 'is required';
    case 'type':
      return `must be ${article(String(p.type))}`;
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'pattern':
      return typeof parent?.patternErrorMessage === 'string'
        ? parent.patternErrorMessage
        : 'has the wrong format';
    case 'format':
      return FORMAT_MESSAGES[String(p.format)] ?? `must be a ${String(p.format)}`;
    case 'minLength':
      return `must have at least ${p.limit} characters`;
    case 'maxLength':
      return `must have at most ${p.limit} characters`;
    case 'minimum':
      return `must be at least ${p.limit}`;
    case 'maximum':
      return `must be at most ${p.limit}`;
    // The column's bound (registry: numberValue): 10^digits less half a unit of the last place.
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      return `does not fit its column: at most ${Math.round(Math.log10(Math.abs(Number(p.limit))))} digits before the point`;
    case 'minItems':
      return `must have at least ${p.limit} ${parent?.items && isRowSchema(parent.items) ? 'rows' : 'items'}`;
    case 'maxItems':
      return `must have at most ${p.limit} ${parent?.items && isRowSchema(parent.items) ? 'rows' : 'items'}`;
    case 'uniqueItems':
      return 'must not repeat a value';
    default:
      return error.message ?? 'is invalid';
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
