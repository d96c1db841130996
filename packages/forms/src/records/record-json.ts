import { moneyFormulaCurrency } from '@tessera/schema';
import { type RawBuilder, sql } from 'kysely';
import type { ColumnType } from '../tables/column-type';
import { valueColumnType } from '../tables/field-columns.mapper';
import { ident } from '../tables/identifier';
import { currencyColumnName } from '../tables/physical-name';
import { type AnyField, liveFields } from './record-field';
import { type RecordValues, readRow } from './record-value.mapper';

/**
 * Rows travel to and from batch statements as JSON, one parameter per table whatever the number
 * of rows (`jsonb_populate_recordset(null::<table>, $1)` types every value by its column, so a
 * thousand-row chunk is one statement, far below the 65 535-parameter limit).
 */

/** The physical columns of a field with their JSON value (money: amount + currency). */
export function columnJson(field: AnyField, value: unknown): Array<[string, unknown]> {
  const type = valueColumnType(field);
  if (type === null) return [];
  if (field.type === 'money') {
    const money = value as { amount?: string; currency?: string } | null | undefined;
    const amount = money?.amount ?? null;
    return [
      [field.key, amount],
      [currencyColumnName(field.key), amount === null ? null : (money?.currency ?? field.currency)],
    ];
  }
  // a formula's money: the amount alone (its currency is the formula's)
  if (moneyFormulaCurrency(field) !== null)
    return [[field.key, (value as { amount?: string } | null | undefined)?.amount ?? null]];
  return [[field.key, value ?? null]];
}

/** The physical column names of the given fields (value and currency columns), in field order. */
export function valueColumns(fields: readonly AnyField[]): string[] {
  return liveFields(fields).flatMap((f) => columnJson(f, null).map(([c]) => c));
}

/** Formulas yielding money: their column holds the amount alone. */
const amountOnly = {
  has: (field: AnyField) => moneyFormulaCurrency(field) !== null,
};

/** Per field list: the live fields that have columns, money ones told apart (built once per list). */
const rowPlans = new WeakMap<readonly AnyField[], readonly { field: AnyField; currency: string | null }[]>();

function rowPlan(fields: readonly AnyField[]) {
  let plan = rowPlans.get(fields);
  if (!plan) {
    plan = liveFields(fields)
      .filter((f) => valueColumnType(f) !== null)
      .map((field) => ({ field, currency: field.type === 'money' ? currencyColumnName(field.key) : null }));
    rowPlans.set(fields, plan);
  }
  return plan;
}

/**
 * A row object for `json_populate_recordset`: the given fields' columns only (same as
 * `columnJson` field by field; this runs for every row of a bulk chunk, so it is planned once).
 */
export function rowJson(fields: readonly AnyField[], values: RecordValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { field, currency } of rowPlan(fields)) {
    if (!(field.key in values)) continue;
    const value = values[field.key];
    if (currency === null) {
      out[field.key] = amountOnly.has(field)
        ? ((value as { amount?: string } | null | undefined)?.amount ?? null)
        : (value ?? null);
      continue;
    }
    const money = value as { amount?: string; currency?: string } | null | undefined;
    const amount = money?.amount ?? null;
    out[field.key] = amount;
    out[currency] =
      amount === null ? null : (money?.currency ?? (field as AnyField & { currency?: string }).currency);
  }
  return out;
}

const NUMERIC_KINDS = new Set<ColumnType['kind']>(['numeric']);

/**
 * A SQL expression building the API-readable JSON of a row of `alias` (id + the fields' columns):
 * numeric columns as text, so a money amount keeps its scale ("19.90") and no digit is lost
 * through a binary float. Split into chunks of 40 pairs (`jsonb_build_object` takes ≤ 100 args).
 */
export function rowJsonSql(alias: string, fields: readonly AnyField[]): RawBuilder<unknown> {
  const a = ident(alias);
  const pairs: RawBuilder<unknown>[] = [sql`'id', ${sql.raw(`${a}."id"`)}`];
  for (const field of liveFields(fields)) {
    const type = valueColumnType(field);
    if (type === null) continue;
    for (const [column] of columnJson(field, null)) {
      const ref = sql.raw(`${a}.${ident(column)}`);
      const isNumeric = NUMERIC_KINDS.has(type.kind) && column === field.key;
      pairs.push(sql`${column}::text, ${isNumeric ? sql`${ref}::text` : ref}`);
    }
  }
  const chunks: RawBuilder<unknown>[] = [];
  for (let i = 0; i < pairs.length; i += 40) {
    chunks.push(sql`jsonb_build_object(${sql.join(pairs.slice(i, i + 40))})`);
  }
  return sql`(${sql.join(chunks, sql` || `)})`;
}

/** Reads rows built by {@link rowJsonSql} back into API rows `{ id, …fields }`. */
export function readJsonRows(fields: readonly AnyField[], rows: unknown): RecordValues[] {
  const list = typeof rows === 'string' ? (JSON.parse(rows) as unknown) : rows;
  if (!Array.isArray(list)) return [];
  return list.map((row: Record<string, unknown>) => ({ id: String(row.id), ...readRow(fields, row) }));
}
