import { closestWord } from '@tessera/schema';
import type { FieldInfo, NamedKind, ReferenceReport, ReferenceScope } from './reference-scope';

export type FieldResolution =
  | { readonly ok: true; readonly field: FieldInfo }
  | { readonly ok: false; readonly message: string }
  | { readonly ok: 'unknown' };

/**
 * Resolves `amount`, `customer.tier` or `lines.product.name` from a form: each segment but the
 * last must be a link (continue in the linked form) or line items (continue in a row).
 */
export function resolveField(scope: ReferenceScope, formKey: string, path: string): FieldResolution {
  if (!scope.forms.has(formKey)) return { ok: 'unknown' }; // the missing form is reported where it is named
  let fields = scope.forms.get(formKey);
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
      if (!scope.forms.has(field.form)) return { ok: 'unknown' };
      fields = scope.forms.get(field.form);
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

/** Reports a reference to a form the scope lacks. Returns whether the form exists. */
export function checkFormRef(
  scope: ReferenceScope,
  report: ReferenceReport,
  path: string,
  formKey: string,
): boolean {
  if (scope.forms.has(formKey)) return true;
  const hint = closestWord(formKey, [...scope.forms.keys()]);
  report(
    path,
    `unknown form '${formKey}': ${scope.missing('form', formKey)}${hint ? ` (did you mean '${hint}'?)` : ''}`,
  );
  return false;
}

/** "a text field", "a formula field of type date". */
export function describeField(field: FieldInfo): string {
  const article = /^[aeiou]/.test(field.type) ? 'an' : 'a';
  return field.valueType === field.type || field.valueType === undefined
    ? `${article} ${field.type} field`
    : `${article} ${field.type} field of type ${field.valueType}`;
}

/**
 * Reports a field path that does not resolve; with `types`, also one whose field type and value
 * type are both outside `types` (a formula yielding a number counts as a number).
 */
export function checkFieldRef(
  scope: ReferenceScope,
  report: ReferenceReport,
  path: string,
  formKey: string,
  fieldPath: string,
  types?: readonly string[],
): FieldInfo | undefined {
  const resolved = resolveField(scope, formKey, fieldPath);
  if (resolved.ok === false) report(path, resolved.message);
  if (resolved.ok !== true) return undefined;
  const { type, valueType } = resolved.field;
  if (types && valueType !== undefined && !types.includes(valueType) && !types.includes(type)) {
    report(
      path,
      `'${fieldPath}' is ${describeField(resolved.field)}; expected a field of type ${types.join(' or ')}`,
      'invalid_reference',
    );
  }
  return resolved.field;
}

/**
 * Reports a reference to a flow / report / dashboard / role the scope lacks. A kind the scope
 * cannot tell about (no roles known) is not checked.
 */
export function checkNamedRef(
  scope: ReferenceScope,
  report: ReferenceReport,
  path: string,
  what: Exclude<NamedKind, 'form'>,
  key: string,
): void {
  const known = scope.named[what];
  if (!known || known.has(key)) return;
  const hint = closestWord(key, [...known]);
  report(
    path,
    `unknown ${what} '${key}': ${scope.missing(what, key)}${hint ? ` (did you mean '${hint}'?)` : ''}`,
  );
}

export const DATE_TYPES = ['date', 'datetime'] as const;
export const NUMBER_TYPES = ['number', 'integer', 'money', 'percent'] as const;
