/**
 * A Postgres column type as data: what a field's value is stored in. The registry says which
 * column a field gets; packages/forms spells it in SQL (`renderColumnType`) and is the only
 * place that does.
 */
export type ColumnType =
  | { readonly kind: 'text' }
  | { readonly kind: 'varchar'; readonly length: number }
  | { readonly kind: 'numeric'; readonly precision?: number; readonly scale?: number }
  | { readonly kind: 'smallint' }
  | { readonly kind: 'bigint' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'date' }
  | { readonly kind: 'timestamptz' }
  | { readonly kind: 'uuid' }
  | { readonly kind: 'jsonb' }
  | { readonly kind: 'text_array' }
  | { readonly kind: 'uuid_array' };

export type ColumnTypeKind = ColumnType['kind'];

/** Precision used when a number field gives a scale but no precision. */
export const DEFAULT_NUMERIC_PRECISION = 38;
/** Precision of money amounts. */
export const MONEY_PRECISION = 18;

/**
 * The largest integer a JSON number holds exactly (2^53 − 1). Integer values beyond it are
 * refused on write rather than silently rounded: JSON numbers are IEEE doubles in every client.
 */
export const MAX_EXACT_INTEGER = Number.MAX_SAFE_INTEGER;

/** `numeric`, or `numeric(precision, scale)` when either is given. */
export function numericColumn(precision: number | undefined, scale: number | undefined): ColumnType {
  if (precision === undefined && scale === undefined) return { kind: 'numeric' };
  return { kind: 'numeric', precision: precision ?? DEFAULT_NUMERIC_PRECISION, scale: scale ?? 0 };
}

/**
 * How many digits a numeric column holds before and after the point, or null for an
 * unconstrained `numeric` (any finite value). Postgres rounds extra fraction digits to `scale`
 * and refuses a value with more than `precision − scale` whole digits.
 */
export function numericDigits(type: ColumnType): { readonly whole: number; readonly scale: number } | null {
  if (type.kind !== 'numeric' || type.precision === undefined) return null;
  const scale = type.scale ?? 0;
  return { whole: type.precision - scale, scale };
}
