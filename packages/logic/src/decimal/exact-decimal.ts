import DecimalJs from 'decimal.js';

/**
 * Exact decimal arithmetic for money and numbers (decimal.js, wrapped here so nothing else
 * imports it; browser-safe, so the browser computes formulas exactly as the server does).
 * 100 significant digits: products and sums of `numeric(38, s)` values stay exact. Halves round
 * away from zero, like Postgres `round(numeric)`. Plain notation, never `1e+25`.
 */
const Decimal = DecimalJs.clone({
  precision: 100,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
type Decimal = InstanceType<typeof Decimal>;

export type { Decimal };

const NUMERIC_TEXT = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

export function isDecimal(value: unknown): value is Decimal {
  return value instanceof Decimal;
}

/**
 * A number, a decimal string (a money amount) or a decimal as an exact decimal; anything else
 * (text, booleans, objects, NaN, ±Infinity) as null. A JS number converts from its shortest
 * text, so 0.1 is 0.1, not the binary double under it.
 */
export function toDecimal(value: unknown): Decimal | null {
  if (value instanceof Decimal) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? new Decimal(value) : null;
  if (typeof value === 'string' && NUMERIC_TEXT.test(value)) return new Decimal(value.trim());
  return null;
}

/**
 * A decimal handed back to JSON: a JS number when the number says exactly the same (at most 15
 * significant digits), else the exact decimal text — a value is never silently rounded.
 */
export function plainNumber(value: Decimal): number | string {
  if (value.isZero()) return 0;
  return value.sd() <= 15 ? Number(value.toString()) : value.toString();
}

/** `value` rounded half away from zero to `digits` decimals (negative: tens, hundreds …). */
export function roundDecimal(value: Decimal, digits: number): Decimal {
  if (digits >= 0) return value.toDecimalPlaces(digits);
  const unit = new Decimal(10).pow(-digits);
  return value.div(unit).toDecimalPlaces(0).mul(unit);
}

/** Digits before the point of `value` (0 for |value| < 1). */
export function wholeDigits(value: Decimal): number {
  const whole = value.abs().trunc();
  return whole.isZero() ? 0 : whole.toString().length;
}

/** The decimal's exact text (plain notation, never `1e+25`). */
export function decimalText(value: Decimal): string {
  return value.toString();
}
