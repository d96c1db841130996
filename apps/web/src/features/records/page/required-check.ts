import type { FormStates } from '@tessera/logic/browser';
import type { FormDefinition } from '@tessera/schema';
import { FIELD_UI } from '../../../fields/field-ui.registry';
import { isBlank } from '../../../fields/shared/empty-value';

type Values = Record<string, unknown>;
const empty = (v: unknown) =>
  isBlank(v && typeof v === 'object' && 'amount' in v ? (v as { amount: unknown }).amount : v);

/** Required fields left empty (as the server would refuse them), by path, before anything is sent. */
export function missingRequired(
  definition: FormDefinition,
  values: Values,
  states: FormStates,
  message: string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of definition.fields) {
    const state = states.fields[field.key];
    if (!state?.required || FIELD_UI[field.type].computed) continue;
    if (field.type === 'line_items') continue;
    if (empty(values[field.key])) errors[field.key] = message;
  }
  for (const field of definition.fields) {
    if (field.type !== 'line_items') continue;
    const rows = Array.isArray(values[field.key]) ? (values[field.key] as Values[]) : [];
    rows.forEach((row, i) => {
      for (const col of field.fields) {
        if (FIELD_UI[col.type].computed) continue;
        if (states.rows[field.key]?.[i]?.[col.key]?.required && empty(row[col.key]))
          errors[`${field.key}[${i}].${col.key}`] = message;
      }
    });
    if ((field.minRows ?? 0) > rows.length) errors[field.key] = message;
  }
  return errors;
}
