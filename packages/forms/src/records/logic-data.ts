import { type AnyField, liveFields } from './record-field';
import type { RecordValues } from './record-value.mapper';

/**
 * The data JSON-Logic expressions see: the record's values by key, money as its amount
 * (a decimal string, which arithmetic reads as a number), line items as arrays of rows (each
 * row with the same conventions), and `$user.id` for the acting user.
 */
export function logicData(
  fields: readonly AnyField[],
  values: RecordValues,
  user: { id: string | null },
): Record<string, unknown> {
  const data: Record<string, unknown> = { $user: { id: user.id } };
  for (const field of liveFields(fields)) {
    const value = values[field.key];
    if (field.type === 'money') {
      data[field.key] = (value as { amount?: unknown } | null | undefined)?.amount ?? null;
    } else if (field.type === 'line_items') {
      data[field.key] = Array.isArray(value)
        ? value.map((row) => logicData(field.fields, row as RecordValues, user))
        : [];
    } else {
      data[field.key] = value === undefined ? null : value;
    }
  }
  return data;
}
