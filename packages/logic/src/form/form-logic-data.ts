import { moneyFormulaCurrency } from '@tessera/schema';
import { type AnyField, currencyKey, liveFields } from './form-fields';

/** A record's values by field key, as the API carries them. */
export type FormValues = Record<string, unknown>;

/**
 * The data JSON-Logic expressions see: the record's values by key, money as its amount
 * (a decimal string, which arithmetic reads as a number) and its currency as `<key>__currency`,
 * line items as arrays of rows (each row with the same conventions), and `$user.id` for the
 * acting user. The forms engine (server) and the web app (browser) both build it here.
 */
export function logicData(
  fields: readonly AnyField[],
  values: FormValues,
  user: { id: string | null },
  /** Rows' data by row object, for one user: an unchanged row is not converted again. */
  rowCache?: WeakMap<object, Record<string, unknown>>,
): Record<string, unknown> {
  const data: Record<string, unknown> = { $user: { id: user.id } };
  const rowData = (rowFields: readonly AnyField[], row: unknown) => {
    if (!rowCache || row === null || typeof row !== 'object')
      return logicData(rowFields, row as FormValues, user);
    let cached = rowCache.get(row);
    if (!cached) {
      cached = logicData(rowFields, row as FormValues, user);
      rowCache.set(row, cached);
    }
    return cached;
  };
  for (const field of liveFields(fields)) {
    const value = values[field.key];
    if (field.type === 'line_items') {
      data[field.key] = Array.isArray(value) ? value.map((row) => rowData(field.fields, row)) : [];
    } else {
      setLogicValue(data, field, value);
    }
  }
  return data;
}

/**
 * One field's value as expressions see it: money (a money field, or a formula yielding money) as
 * its amount, with its currency as `<key>__currency`; anything else as it is.
 */
export function setLogicValue(data: Record<string, unknown>, field: AnyField, value: unknown): void {
  const currency = field.type === 'money' ? field.currency : moneyFormulaCurrency(field);
  if (currency === null) {
    data[field.key] = value === undefined ? null : value;
    return;
  }
  const money = value as { amount?: unknown; currency?: unknown } | null | undefined;
  data[field.key] = money?.amount ?? null;
  // `__` cannot clash with a key: filters agree with SQL, where this is the column's name
  data[currencyKey(field.key)] = money?.amount == null ? null : (money.currency ?? currency);
}
