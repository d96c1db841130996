import { computeTableFormulas, type EvalContext } from '@tessera/logic';
import type { FormRuntime } from '../records/form-runtime';
import { type AnyField, fieldPath, rowPath } from '../records/record-field';
import type { RecordValues } from '../records/record-value.mapper';
import { type FieldError, RecordsError } from '../records/records.error';
import { computedValueError } from './computed-value.checker';

/**
 * Computes every stored formula of a record, in place of whatever the values held: first the
 * formulas of each line-items row (row data), then the record's own formulas, in definition order
 * (a formula may use formulas defined before it, and the rows' computed values, e.g.
 * `total = sum(items, qty × price) − discount`), in exact decimal arithmetic. The evaluation itself
 * is @tessera/logic's, which the web app runs too. Pure: returns new values, or throws
 * `RECORD_INVALID` naming every computed number that does not fit its column or its formula's
 * `min` / `max` (`items[0].amount`, `total`) — checked here, before anything is written.
 */
export function computeFormulas(
  runtime: FormRuntime,
  values: RecordValues,
  user: { id: string | null },
  ctx: EvalContext,
): RecordValues {
  const next: RecordValues = { ...values };
  for (const [key, lineItems] of runtime.lineItems) {
    const rows = next[key];
    if (!Array.isArray(rows)) continue;
    next[key] = rows.map((row) =>
      computeTableFormulas(lineItems.field.fields, lineItems.rows, row as RecordValues, user, ctx),
    );
  }
  const out = computeTableFormulas(runtime.definition.fields, runtime.main, next, user, ctx);
  const errors = formulaErrors(runtime.definition.fields, out, '');
  for (const [key, lineItems] of runtime.lineItems) {
    const rows = out[key];
    if (!Array.isArray(rows)) continue;
    rows.forEach((row, i) => {
      errors.push(...formulaErrors(lineItems.field.fields, row as RecordValues, rowPath(key, i)));
    });
  }
  if (errors.length > 0) throw RecordsError.invalid(errors);
  return out;
}

function formulaErrors(fields: readonly AnyField[], values: RecordValues, base: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of fields) {
    if (field.type !== 'formula' || field.deleted === true) continue;
    const error = computedValueError(field, values[field.key], fieldPath(base, field.key));
    if (error) errors.push(error);
  }
  return errors;
}
