import type { EvalContext } from '@tessera/logic';
import type { FormRuntime, TableRuntime } from '../records/form-runtime';
import { logicData } from '../records/logic-data';
import type { AnyField } from '../records/record-field';
import type { RecordValues } from '../records/record-value.mapper';
import { formulaResult } from './formula-result';

/**
 * Computes every stored formula of a record, in place of whatever the values held: first the
 * formulas of each line-items row (row data), then the record's own formulas, in definition order
 * (a formula may use formulas defined before it, and the rows' computed values, e.g.
 * `total = sum(items, qty × price) − discount`). Pure: returns new values.
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
      computeTable(lineItems.field.fields, lineItems.rows, row as RecordValues, user, ctx),
    );
  }
  return computeTable(runtime.definition.fields, runtime.main, next, user, ctx);
}

function computeTable(
  fields: readonly AnyField[],
  table: TableRuntime,
  values: RecordValues,
  user: { id: string | null },
  ctx: EvalContext,
): RecordValues {
  const formulas = table.fields.filter((f) => f.formula !== undefined);
  if (formulas.length === 0) return values;
  const next: RecordValues = { ...values };
  const data = logicData(fields, next, user);
  for (const { field, formula } of formulas) {
    if (field.type !== 'formula' || !formula) continue;
    let raw: unknown;
    try {
      raw = formula(data, ctx);
    } catch {
      raw = null; // a formula over missing or mistyped inputs yields no value, not a failed write
    }
    const value = formulaResult(raw, field.resultType, field.scale);
    next[field.key] = value;
    data[field.key] = value;
  }
  return next;
}
