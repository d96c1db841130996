import { currencyColumnName } from '../tables/physical-name';
import { type AnyField, liveFields } from './record-field';
import type { RecordValues } from './record-value.mapper';

/**
 * The data JSON-Logic expressions see: the record's values by key, money as its amount
 * (a decimal string, which arithmetic reads as a number) and its currency as `<key>__currency`, line items as arrays of rows (each
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
      const money = value as { amount?: unknown; currency?: unknown } | null | undefined;
      data[field.key] = money?.amount ?? null;
      // The currency under its column's name (`__` cannot clash with a key): filters agree with SQL.
      data[currencyColumnName(field.key)] = money?.amount == null ? null : (money.currency ?? field.currency);
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
