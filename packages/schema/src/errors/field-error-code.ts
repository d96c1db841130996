/**
 * Stable codes of field errors (a value refused by the record validator, a sheet cell an import
 * cannot read): a client translates `code` with its `params` — the web app has a key per code in
 * English and Chinese — and shows `message` (English) for a code it does not know. The English
 * text is built here, once, from the same params, so code and message never disagree.
 */
export type FieldErrorParams = Readonly<Record<string, string | number>>;

type Template = (p: Readonly<Record<string, string | number | undefined>>) => string;

export const FIELD_ERROR_MESSAGES = {
  // the record validator (shape, required, read-only, links, uniqueness)
  FIELD_REQUIRED: () => 'is required',
  FIELD_UNKNOWN: () => 'is not a field of this form',
  FIELD_TYPE: (p) => `must be ${p.expected}`,
  FIELD_OPTION: (p) => `must be one of: ${p.options}`,
  FIELD_PATTERN: (p) => `must match the pattern ${p.pattern}`,
  FIELD_FORMAT: (p) => `must be a ${p.format}`,
  FIELD_EMAIL: () => 'must be an e-mail address',
  FIELD_URL: () => 'must be a URL',
  FIELD_URL_SCHEME: () => 'must be an http or https URL',
  FIELD_PHONE: () => 'must be a phone number',
  FIELD_DATE: () => 'must be a date (YYYY-MM-DD)',
  FIELD_DATETIME: () => 'must be a date and time (ISO 8601 with a time zone)',
  FIELD_RECORD_ID: () => 'must be a record id (uuid)',
  FIELD_MONEY_AMOUNT: (p) =>
    `must be a decimal string with at most ${p.whole} digits before and ${p.scale} after the point`,
  FIELD_CURRENCY: () => 'must be an ISO 4217 code',
  FIELD_TOO_SHORT: (p) => `must have at least ${p.limit} characters`,
  FIELD_TOO_LONG: (p) => `must have at most ${p.limit} characters`,
  FIELD_MIN: (p) => `must be at least ${p.limit}`,
  FIELD_MAX: (p) => `must be at most ${p.limit}`,
  FIELD_DIGITS: (p) => `does not fit its column: at most ${p.digits} digits before the point`,
  FIELD_MIN_ITEMS: (p) => `must have at least ${p.limit} items`,
  FIELD_MAX_ITEMS: (p) => `must have at most ${p.limit} items`,
  FIELD_MIN_ROWS: (p) => `must have at least ${p.limit} rows`,
  FIELD_MAX_ROWS: (p) => `must have at most ${p.limit} rows`,
  FIELD_REPEATED: () => 'must not repeat a value',
  FIELD_INVALID: () => 'is invalid',
  FIELD_TEXT_NUL: () => 'contains a NUL character (U+0000), which cannot be stored',
  FIELD_TEXT_SURROGATE: () => 'contains an unpaired surrogate (not valid Unicode)',
  FIELD_COMPUTED: () => 'is computed and cannot be set',
  FIELD_READ_ONLY: () => 'is read-only: a flow or rule sets it',
  FIELD_TRANSITION: (p) => `may only become ${p.allowed} here: a flow or rule sets the rest`,
  FIELD_READ_ONLY_FOR_YOU: () => 'is read-only for you',
  FIELD_HIDDEN: () => 'is hidden from you and cannot be written',
  FIELD_NOT_UNIQUE: () => 'must be unique',
  FIELD_LINK_MISSING: () => 'refers to a record that does not exist',
  FIELD_LINK_DELETED: () => 'refers to a deleted record',
  FIELD_NOT_ALLOWED: () => 'is not allowed',
  FIELD_OUT_OF_RANGE: () => 'is out of range for its column',
  FIELD_NOT_OBJECT: () => 'must be an object of field values',
  FIELD_VERSION_REQUIRED: () => 'is required: the version of the record you read',
  FIELD_FILE_TWICE: () => 'holds a file that is attached twice',
  FIELD_FILE_MISSING: (p) => `refers to a file that does not exist (${p.id}): upload it first`,
  FIELD_FILE_OTHER_FIELD: (p) => `refers to a file uploaded for another field (${p.field})`,
  FIELD_FILE_OTHER_RECORD: () => 'refers to a file of another record',
  FIELD_FILE_NOT_YOURS: () => 'refers to a file someone else uploaded',
  // a computed value (formula, rollup) its column or bounds cannot hold
  COMPUTED_DIGITS: (p) => `is ${p.value}: more than the ${p.digits} digits before the point its column holds`,
  COMPUTED_INEXACT: (p) => `is ${p.value}: beyond ±${p.max}, the largest whole number kept exact`,
  COMPUTED_MIN: (p) => `must be at least ${p.limit} (is ${p.value})`,
  COMPUTED_MAX: (p) => `must be at most ${p.limit} (is ${p.value})`,
} satisfies Record<string, Template>;

export type FieldErrorCode = keyof typeof FIELD_ERROR_MESSAGES;

/** Every field error code, for clients that must translate each one (the web app's test). */
export const FIELD_ERROR_CODES = Object.keys(FIELD_ERROR_MESSAGES) as FieldErrorCode[];

export function isFieldErrorCode(code: unknown): code is FieldErrorCode {
  return typeof code === 'string' && Object.hasOwn(FIELD_ERROR_MESSAGES, code);
}

/** The English text of a code with its params. */
export function fieldErrorMessage(code: FieldErrorCode, params: FieldErrorParams = {}): string {
  return (FIELD_ERROR_MESSAGES[code] as Template)(params);
}

/** A field error by path with its code, params and English message. */
export function fieldError(
  path: string,
  code: FieldErrorCode,
  params: FieldErrorParams = {},
): { path: string; message: string; code: FieldErrorCode; params: FieldErrorParams } {
  return { path, message: fieldErrorMessage(code, params), code, params };
}
