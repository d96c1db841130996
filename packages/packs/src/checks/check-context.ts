import { closestWord, type FieldDefinition } from '@tessera/schema';
import type { Pack, PackDocument } from '../model/pack.js';
import type { PackError, PackErrorCode } from '../model/pack-error.js';

/** The part of a field the reference checks need (a form field or a line-item field). */
export interface FieldInfo {
  readonly key: string;
  readonly type: string;
  /**
   * The type of the value, for type checks: the field type, or what a formula / rollup computes;
   * undefined when it cannot be told here (a lookup's depends on the linked field).
   */
  readonly valueType: string | undefined;
  /** link: the linked form. */
  readonly form?: string;
  /** line_items: the fields of a row. */
  readonly fields?: ReadonlyMap<string, FieldInfo>;
}

/** Columns every form table has; they may be named in paths like any field. */
const system = (key: string, type: string): FieldInfo => ({ key, type, valueType: type });
const SYSTEM_FIELDS: readonly FieldInfo[] = [
  system('id', 'uuid'),
  system('created_at', 'datetime'),
  system('created_by', 'user'),
  system('updated_at', 'datetime'),
  system('updated_by', 'user'),
  system('version', 'integer'),
];
const ROW_SYSTEM_FIELDS: readonly FieldInfo[] = [system('id', 'uuid')];

/** What a field's value is: its type, or what a computed field yields. */
function valueTypeOf(raw: { type: string; resultType?: unknown; aggregate?: unknown }): string | undefined {
  switch (raw.type) {
    case 'formula':
      return typeof raw.resultType === 'string' ? raw.resultType : undefined;
    case 'rollup':
      if (typeof raw.resultType === 'string') return raw.resultType;
      return raw.aggregate === 'count' ? 'integer' : 'number';
    case 'lookup':
      return undefined;
    case 'auto_number':
      return 'text';
    default:
      return raw.type;
  }
}

/**
 * What the pack defines, for cross-file checks. Forms whose file did not pass its schema are
 * known by key (so references to them are not reported twice) but their fields are unknown.
 */
export interface CheckContext {
  readonly pack: Pack;
  /** form key → its fields, or undefined when the form file is invalid. */
  readonly forms: ReadonlyMap<string, ReadonlyMap<string, FieldInfo> | undefined>;
  readonly flows: ReadonlySet<string>;
  readonly reports: ReadonlySet<string>;
  readonly dashboards: ReadonlySet<string>;
  /** undefined when roles.json is absent or invalid: role references are not checked then. */
  readonly roles: ReadonlySet<string> | undefined;
}

export type FieldResolution =
  | { readonly ok: true; readonly field: FieldInfo }
  | { readonly ok: false; readonly message: string }
  | { readonly ok: 'unknown' };

function fieldMap(
  fields: readonly FieldInfo[],
  system: readonly FieldInfo[],
): ReadonlyMap<string, FieldInfo> {
  return new Map([...system, ...fields].map((f) => [f.key, f]));
}

function fieldInfo(field: FieldDefinition | { key: string; type: string }): FieldInfo {
  const raw = field as { key: string; type: string; form?: unknown; fields?: unknown; resultType?: unknown };
  return {
    key: raw.key,
    type: raw.type,
    valueType: valueTypeOf(raw),
    ...(raw.type === 'link' && typeof raw.form === 'string' ? { form: raw.form } : {}),
    ...(raw.type === 'line_items' && Array.isArray(raw.fields)
      ? { fields: fieldMap((raw.fields as FieldDefinition[]).map(fieldInfo), ROW_SYSTEM_FIELDS) }
      : {}),
  };
}

export function formFields(form: { fields: readonly FieldDefinition[] }): ReadonlyMap<string, FieldInfo> {
  return fieldMap(form.fields.map(fieldInfo), SYSTEM_FIELDS);
}

/**
 * Resolves `amount`, `customer.tier` or `lines.product.name` from a form: each segment but the
 * last must be a link (continue in the linked form) or line items (continue in a row).
 */
export function resolveField(ctx: CheckContext, formKey: string, path: string): FieldResolution {
  if (!ctx.forms.has(formKey)) return { ok: 'unknown' }; // the missing form is reported where it is named
  let fields = ctx.forms.get(formKey);
  let where = `form '${formKey}'`;
  const segments = path.split('.');
  for (const [i, segment] of segments.entries()) {
    if (!fields) return { ok: 'unknown' };
    const field = fields.get(segment);
    if (!field) {
      const hint = closestWord(segment, [...fields.keys()]);
      return {
        ok: false,
        message: `unknown field '${segment}' in ${where}${hint ? ` (did you mean '${hint}'?)` : ''}`,
      };
    }
    if (i === segments.length - 1) return { ok: true, field };
    if (field.type === 'link' && field.form) {
      if (!ctx.forms.has(field.form)) return { ok: 'unknown' };
      fields = ctx.forms.get(field.form);
      where = `form '${field.form}'`;
    } else if (field.type === 'line_items' && field.fields) {
      fields = field.fields;
      where = `the line items '${segment}' of ${where}`;
    } else {
      return {
        ok: false,
        message: `'${segment}' is a ${field.type} field of ${where}; only link and line_items fields can be followed with '.'`,
      };
    }
  }
  return { ok: 'unknown' };
}

/** Collects errors of one document: `error(path, message)` with the document's file. */
export class ErrorSink {
  readonly errors: PackError[] = [];

  at(doc: PackDocument<unknown> | string) {
    const file = typeof doc === 'string' ? doc : doc.file;
    return (path: string, message: string, code: PackErrorCode = 'unresolved_reference') => {
      this.errors.push({ code, file, path, message });
    };
  }
}

export type Report = (path: string, message: string, code?: PackErrorCode) => void;

/** Reports a reference to a form the pack lacks. Returns whether the form exists. */
export function checkFormRef(ctx: CheckContext, report: Report, path: string, formKey: string): boolean {
  if (ctx.forms.has(formKey)) return true;
  const hint = closestWord(formKey, [...ctx.forms.keys()]);
  report(
    path,
    `unknown form '${formKey}': the pack has no forms/${formKey}.json${hint ? ` (did you mean '${hint}'?)` : ''}`,
  );
  return false;
}

/**
 * Reports a field path that does not resolve; with `types`, also one whose field type and value
 * type are both outside `types` (a formula yielding a number counts as a number).
 */
export function checkFieldRef(
  ctx: CheckContext,
  report: Report,
  path: string,
  formKey: string,
  fieldPath: string,
  types?: readonly string[],
): FieldInfo | undefined {
  const resolved = resolveField(ctx, formKey, fieldPath);
  if (resolved.ok === false) report(path, resolved.message);
  if (resolved.ok !== true) return undefined;
  const { type, valueType } = resolved.field;
  if (types && valueType !== undefined && !types.includes(valueType) && !types.includes(type)) {
    const article = /^[aeiou]/.test(type) ? 'an' : 'a';
    const what =
      valueType === type ? `${article} ${type} field` : `${article} ${type} field of type ${valueType}`;
    report(
      path,
      `'${fieldPath}' is ${what}; expected a field of type ${types.join(' or ')}`,
      'invalid_reference',
    );
  }
  return resolved.field;
}

/** Where a flow / report / dashboard / role would be defined, for messages. */
const DEFINED_IN = {
  flow: (key: string) => `the pack has no flows/${key}.json`,
  report: (key: string) => `the pack has no reports/${key}.json`,
  dashboard: (key: string) => `the pack has no dashboards/${key}.json`,
  role: () => 'roles.json has no such role',
} as const;

/**
 * Reports a reference to a flow / report / dashboard / role the pack lacks. `known` undefined
 * means "cannot tell" (roles.json invalid): nothing is reported.
 */
export function checkNamedRef(
  report: Report,
  path: string,
  what: keyof typeof DEFINED_IN,
  key: string,
  known: ReadonlySet<string> | undefined,
): void {
  if (!known || known.has(key)) return;
  const hint = closestWord(key, [...known]);
  report(
    path,
    `unknown ${what} '${key}': ${DEFINED_IN[what](key)}${hint ? ` (did you mean '${hint}'?)` : ''}`,
  );
}

export const DATE_TYPES = ['date', 'datetime'] as const;
export const NUMBER_TYPES = ['number', 'integer', 'money', 'percent'] as const;
