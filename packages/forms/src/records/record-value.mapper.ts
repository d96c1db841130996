import { moneyFormulaCurrency } from '@tessera/schema';
import { type RawBuilder, sql } from 'kysely';
import { renderColumnType } from '../tables/column-type';
import { valueColumnType } from '../tables/field-columns.mapper';
import { currencyColumnName } from '../tables/physical-name';
import { type AnyField, liveFields } from './record-field';

/** A record as the API shows it: field key → value (money as `{ amount, currency }`). */
export type RecordValues = Record<string, unknown>;

/**
 * Values ↔ columns. The API representation per type: text-like, select, date (`YYYY-MM-DD`),
 * datetime (ISO 8601, read back in UTC), link and user ids as strings; number, percent and
 * integer as JSON numbers; money as `{ amount: "12.50", currency: "CNY" }` (a decimal string,
 * never a float); multi select and multiple people as arrays; attachment and json as JSON.
 */
export function columnValues(
  field: AnyField,
  value: unknown,
): Array<[column: string, value: RawBuilder<unknown>]> {
  const type = valueColumnType(field);
  if (type === null) return [];
  const cast = sql.raw(renderColumnType(type));
  if (field.type === 'money') {
    const money = value as { amount?: string; currency?: string } | null | undefined;
    const amount = money?.amount ?? null;
    const currency = amount === null ? null : (money?.currency ?? field.currency);
    return [
      [field.key, sql`${amount}::${cast}`],
      [currencyColumnName(field.key), sql`${currency}::text`],
    ];
  }
  if (moneyFormulaCurrency(field) !== null) {
    // a formula's money: the amount alone (its currency is the formula's)
    const amount = (value as { amount?: string } | null | undefined)?.amount ?? null;
    return [[field.key, sql`${amount}::${cast}`]];
  }
  if (type.kind === 'jsonb') {
    return [[field.key, sql`${value === null || value === undefined ? null : JSON.stringify(value)}::jsonb`]];
  }
  return [[field.key, sql`${value ?? null}::${cast}`]];
}

/** The API value of a field from a row of its table (or a joined row with prefixed names). */
export function readValue(field: AnyField, row: Record<string, unknown>, prefix = ''): unknown {
  const raw = row[`${prefix}${field.key}`];
  if (field.type === 'money') {
    if (raw === null || raw === undefined) return null;
    return {
      amount: String(raw),
      currency: row[`${prefix}${currencyColumnName(field.key)}`] ?? field.currency,
    };
  }
  if (raw === null || raw === undefined) return null;
  const formulaCurrency = moneyFormulaCurrency(field);
  if (formulaCurrency !== null) return { amount: String(raw), currency: formulaCurrency };
  const type = valueColumnType(field);
  switch (type?.kind) {
    case 'numeric':
      return numericValue(raw);
    case 'bigint':
      return typeof raw === 'string' ? Number(raw) : raw;
    case 'timestamptz':
      return raw instanceof Date ? raw.toISOString() : new Date(String(raw)).toISOString();
    default:
      return raw;
  }
}

/**
 * A numeric column's value: a JSON number when the number says exactly the same (at most 15
 * significant digits — every ordinary amount), else the exact decimal text, so a total of
 * 21474836469999999978525163.53 is never rounded on the way out (the rule of @tessera/logic).
 */
export function numericValue(raw: unknown): number | string {
  const text = String(raw);
  const digits = text.replace(/^-?0*/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return digits.length <= 15 ? Number(text) : text;
}

/** Reads every live column-backed field of a row. */
export function readRow(
  fields: readonly AnyField[],
  row: Record<string, unknown>,
  prefix = '',
): RecordValues {
  const out: RecordValues = {};
  for (const field of liveFields(fields)) {
    if (valueColumnType(field) === null) continue;
    out[field.key] = readValue(field, row, prefix);
  }
  return out;
}

/** Two API values are the same (deep, for arrays and objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, canonical(x)]),
    );
  }
  return v;
}
