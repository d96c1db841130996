import {
  DATE_TYPES,
  describeField,
  type ReferenceIssueCode,
  type ReferenceScope,
  resolveField,
} from '@tessera/forms';

/**
 * The stored column a date-relative sweep bounds: the field's own column (a date or datetime
 * field, or a formula / rollup whose value is a date — both stored), or, for a lookup, the
 * linked form's column reached through the link (`via`, a link field: indexed by the forms engine).
 */
export interface SweepColumn {
  readonly valueType: (typeof DATE_TYPES)[number];
  readonly form: string;
  readonly field: string;
  readonly via?: string;
}

export type SweepColumnResolution =
  | { readonly ok: true; readonly column: SweepColumn }
  | { readonly ok: false; readonly message: string; readonly code: ReferenceIssueCode }
  | { readonly ok: 'unknown' };

const isDate = (type: string | undefined): type is SweepColumn['valueType'] =>
  (DATE_TYPES as readonly (string | undefined)[]).includes(type);

/**
 * Which column a date rule on `key` of `formKey` sweeps — ONE answer for the check at validate
 * / publish time and for the sweep itself, so what validates is what runs.
 */
export function sweepColumn(scope: ReferenceScope, formKey: string, key: string): SweepColumnResolution {
  const resolved = resolveField(scope, formKey, key);
  if (resolved.ok !== true)
    return resolved.ok === false
      ? { ok: false, message: resolved.message, code: 'unresolved_reference' }
      : resolved;
  const { field } = resolved;
  const mistyped = (why = '') => ({
    ok: false as const,
    code: 'invalid_reference' as const,
    message: `'${key}' is ${describeField(field)}${why}; expected a date or datetime field, or a formula, rollup or lookup whose value is a date`,
  });
  if (field.definition?.type !== 'lookup')
    return isDate(field.valueType)
      ? { ok: true, column: { valueType: field.valueType, form: formKey, field: key } }
      : mistyped();
  const lookup = field.definition;
  const target = scope.forms.get(formKey)?.get(lookup.link)?.form;
  const targetFields = target === undefined ? undefined : scope.forms.get(target);
  if (!targetFields) return { ok: 'unknown' };
  const read = targetFields.get(lookup.field);
  if (read?.type === 'lookup') return mistyped(' reading another lookup (it has no column to sweep)');
  if (!target || !isDate(field.valueType)) return mistyped();
  return {
    ok: true,
    column: { valueType: field.valueType, form: target, field: lookup.field, via: lookup.link },
  };
}
