import { type CompiledLogic, type EvalContext, logicData, truthy } from '@tessera/logic';
import { fieldError, findUnstorableText, isComputedField, userTransitionsFrom } from '@tessera/schema';
import type { FormRuntime, TableRuntime } from '../records/form-runtime';
import { type AnyField, fieldPath, isEmpty, rowPath } from '../records/record-field';
import { type RecordValues, sameValue } from '../records/record-value.mapper';
import type { FieldError } from '../records/records.error';
import { mapAjvErrors } from './ajv-errors.mapper';

export interface RecordCheck {
  /** What the caller sent (create: the record; update: the PATCH body). */
  readonly input: RecordValues;
  /** The record as it would be stored: current values + input + defaults (line items as rows). */
  readonly merged: RecordValues;
  /** The stored record (update), or null (create). */
  readonly current: RecordValues | null;
  readonly user: { id: string | null };
  readonly ctx: EvalContext;
  /** A flow or rule writes: `readOnly` fields are theirs to set (computed ones never are). */
  readonly systemWrite?: boolean;
}

/**
 * Validates a record write against the published form version and returns EVERY problem by path
 * (`name`, `price.amount`, `items[3].qty`), or [] — nothing is written before this passes.
 *
 * 1. shape (ajv, generated from the definition): types, lengths, ranges, patterns, formats,
 *    options, list sizes, unknown keys; text the database cannot store (NUL, unpaired surrogates);
 * 2. money bounds (min/max on the decimal amount);
 * 3. read-only and computed fields: refused when the input changes their value (sending back the
 *    stored value — on create, the constant default — is accepted, so a client may PATCH a whole
 *    record it read); a read-only field is set by flows and rules only (`systemWrite`), so a
 *    person cannot skip an approval — but for the changes its `userTransitions` leave them
 *    (submitting a draft);
 * 4. required / requiredWhen, only while the field is visible (visibleWhen): on the merged record,
 *    so a PATCH that clears a required field, or makes a condition true, is caught.
 */
export function checkRecord(runtime: FormRuntime, check: RecordCheck): FieldError[] {
  const errors: FieldError[] = [];
  const stripped = stripNulls(check.input);
  if (!runtime.shape(stripped)) errors.push(...mapAjvErrors(runtime.shape.errors));
  for (const [key, value] of Object.entries(check.input)) {
    const problem = findUnstorableText(value, key);
    if (problem)
      errors.push(
        fieldError(problem.path, problem.message.includes('NUL') ? 'FIELD_TEXT_NUL' : 'FIELD_TEXT_SURROGATE'),
      );
  }
  errors.push(...moneyBounds(runtime.definition.fields, check.input, ''));
  for (const [key, { field }] of runtime.lineItems) {
    const rows = check.input[key];
    if (!Array.isArray(rows)) continue;
    rows.forEach((row, i) => {
      if (row && typeof row === 'object')
        errors.push(...moneyBounds(field.fields, row as RecordValues, rowPath(key, i)));
    });
  }
  for (const [key, value] of Object.entries(check.input)) {
    const field = runtime.main.byKey.get(key)?.field;
    if (!field) continue;
    const computed = isComputedField(field);
    if (!computed && (field.readOnly !== true || check.systemWrite === true)) continue;
    const stored = check.current ? (check.current[key] ?? null) : createdAs(field);
    if (sameValue(value, stored)) continue;
    if (computed) {
      errors.push(fieldError(key, 'FIELD_COMPUTED'));
      continue;
    }
    const allowed = userTransitionsFrom(field, stored);
    if (allowed.includes(value as string)) continue;
    errors.push(
      allowed.length > 0
        ? fieldError(key, 'FIELD_TRANSITION', { allowed: allowed.map((v) => `"${v}"`).join(' or ') })
        : fieldError(key, 'FIELD_READ_ONLY'),
    );
  }
  const reported = new Set(errors.map((e) => e.path));
  const required = requiredErrors(runtime.definition.fields, runtime.main, check.merged, check, '');
  for (const [key, lineItems] of runtime.lineItems) {
    const rows = check.merged[key];
    if (!Array.isArray(rows)) continue;
    rows.forEach((row, i) => {
      if (row && typeof row === 'object') {
        required.push(
          ...requiredErrors(
            lineItems.field.fields,
            lineItems.rows,
            row as RecordValues,
            check,
            rowPath(key, i),
          ),
        );
      }
    });
  }
  errors.push(...required.filter((e) => !reported.has(e.path)));
  return errors;
}

/** What a new record holds in a field it leaves out: its constant default (an expression's is not known here). */
function createdAs(field: AnyField): unknown {
  const value = field.default;
  return value === undefined || (value !== null && typeof value === 'object' && !Array.isArray(value))
    ? null
    : value;
}

function requiredErrors(
  fields: readonly AnyField[],
  table: TableRuntime,
  values: RecordValues,
  check: RecordCheck,
  base: string,
): FieldError[] {
  const errors: FieldError[] = [];
  let data: Record<string, unknown> | undefined;
  const evaluate = (logic: CompiledLogic) => {
    data ??= logicData(fields, values, check.user);
    try {
      return truthy(logic(data, check.ctx));
    } catch {
      return false;
    }
  };
  for (const rule of table.fields) {
    const { field } = rule;
    if (isComputedField(field)) continue;
    const visible = rule.visibleWhen ? evaluate(rule.visibleWhen) : true;
    if (!visible) continue; // a hidden field is never required
    if (field.type === 'line_items' && (field.minRows ?? 0) > 0) {
      const count = Array.isArray(values[field.key]) ? (values[field.key] as unknown[]).length : 0;
      if (count < (field.minRows ?? 0)) {
        errors.push(fieldError(fieldPath(base, field.key), 'FIELD_MIN_ROWS', { limit: field.minRows ?? 0 }));
        continue;
      }
    }
    const required = field.required === true || (rule.requiredWhen ? evaluate(rule.requiredWhen) : false);
    if (!required || !isEmpty(moneyAmount(field, values[field.key]))) continue;
    errors.push(fieldError(fieldPath(base, field.key), 'FIELD_REQUIRED'));
  }
  return errors;
}

function moneyAmount(field: AnyField, value: unknown): unknown {
  if (field.type !== 'money') return value;
  return (value as { amount?: unknown } | null | undefined)?.amount ?? null;
}

function moneyBounds(fields: readonly AnyField[], values: RecordValues, base: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of fields) {
    if (field.type !== 'money' || field.deleted === true) continue;
    const amount = (values[field.key] as { amount?: unknown } | null | undefined)?.amount;
    if (typeof amount !== 'string') continue;
    const n = Number(amount);
    if (Number.isNaN(n)) continue;
    const path = fieldPath(fieldPath(base, field.key), 'amount');
    if (field.min !== undefined && n < field.min)
      errors.push(fieldError(path, 'FIELD_MIN', { limit: field.min }));
    if (field.max !== undefined && n > field.max)
      errors.push(fieldError(path, 'FIELD_MAX', { limit: field.max }));
  }
  return errors;
}

/** The input without null values (a null clears a value; only `required` has a say about it). */
function stripNulls(input: RecordValues): RecordValues {
  const out: RecordValues = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value === undefined) continue;
    out[key] = Array.isArray(value)
      ? value.map((item) =>
          item && typeof item === 'object' && !Array.isArray(item) ? stripRow(item as RecordValues) : item,
        )
      : value;
  }
  return out;
}

function stripRow(row: RecordValues): RecordValues {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null && v !== undefined));
}
