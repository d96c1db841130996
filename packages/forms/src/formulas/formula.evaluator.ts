import { computeTableFormulas, type EvalContext } from '@tessera/logic';
import type { FormRuntime } from '../records/form-runtime';
import type { RecordValues } from '../records/record-value.mapper';

/**
 * Computes every stored formula of a record, in place of whatever the values held: first the
 * formulas of each line-items row (row data), then the record's own formulas, in definition order
 * (a formula may use formulas defined before it, and the rows' computed values, e.g.
 * `total = sum(items, qty × price) − discount`). Pure: returns new values. The evaluation itself
 * is @tessera/logic's, which the web app runs too.
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
  return computeTableFormulas(runtime.definition.fields, runtime.main, next, user, ctx);
}
