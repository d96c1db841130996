import type { FieldDefinition, FormDefinition } from '@tessera/schema';
import type { EvalContext } from '../logic.types';
import { liveFields } from './form-fields';
import type { FormValues } from './form-logic-data';
import {
  compileTableLogic,
  computeTableFormulas,
  type FieldState,
  type LineItemsLogic,
  type TableLogic,
  tableFieldStates,
} from './table-logic';

/** A form's compiled rules: the record's own fields and each line-items field's rows. */
export interface FormLogic {
  readonly fields: readonly FieldDefinition[];
  readonly main: TableLogic;
  readonly lineItems: LineItemsLogic;
}

export function compileFormLogic(definition: Pick<FormDefinition, 'fields'>): FormLogic {
  const lineItems = new Map<
    string,
    { field: Extract<FieldDefinition, { type: 'line_items' }>; rows: TableLogic }
  >();
  for (const field of liveFields(definition.fields)) {
    if (field.type === 'line_items')
      lineItems.set(field.key, { field, rows: compileTableLogic(field.fields) });
  }
  return { fields: definition.fields, main: compileTableLogic(definition.fields), lineItems };
}

/**
 * Every stored formula of a record: first the formulas of each line-items row, then the record's
 * own (so `total = sum(items, qty × price) − discount` sees the rows' computed values).
 */
export function computeFormulas(
  logic: FormLogic,
  values: FormValues,
  user: { id: string | null },
  ctx: EvalContext,
): FormValues {
  const next: FormValues = { ...values };
  for (const [key, { field, rows }] of logic.lineItems) {
    const items = next[key];
    if (!Array.isArray(items)) continue;
    next[key] = items.map((row) => computeTableFormulas(field.fields, rows, row as FormValues, user, ctx));
  }
  return computeTableFormulas(logic.fields, logic.main, next, user, ctx);
}

/** The states of a record's fields, and of each line-items row's fields by `items[i]`. */
export interface FormStates {
  readonly fields: Record<string, FieldState>;
  readonly rows: Record<string, readonly Record<string, FieldState>[]>;
}

export function fieldStates(
  logic: FormLogic,
  values: FormValues,
  user: { id: string | null },
  ctx: EvalContext,
): FormStates {
  const rows: Record<string, Record<string, FieldState>[]> = {};
  for (const [key, { field, rows: table }] of logic.lineItems) {
    const items = values[key];
    rows[key] = Array.isArray(items)
      ? items.map((row) => tableFieldStates(field.fields, table, row as FormValues, user, ctx))
      : [];
  }
  return { fields: tableFieldStates(logic.fields, logic.main, values, user, ctx), rows };
}
