import { type Decimal, isDecimal, toDecimal } from '../decimal/exact-decimal';
import { isNil } from './compiled-node';

/**
 * Arithmetic of the compiled closures, exact: operands are numbers, decimal strings (money
 * amounts) or decimals from an inner operator, results decimals. Two safe integers whose result
 * is a safe integer stay plain numbers (the common case of counts and quantities, no allocation).
 * A null operand gives null, as does a non-numeric one (json-logic-js would give NaN, which no
 * column stores either).
 */
export type Numeric = number | Decimal;

const safe = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);

function binaryExact(
  plain: (a: number, b: number) => number,
  exact: (a: Decimal, b: Decimal) => Decimal | null,
): (a: unknown, b: unknown) => Numeric | null {
  return (a, b) => {
    if (isNil(a) || isNil(b)) return null;
    if (safe(a) && safe(b)) {
      const r = plain(a, b);
      if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
    }
    const da = toDecimal(a);
    const db = toDecimal(b);
    return da === null || db === null ? null : exact(da, db);
  };
}

export const add = binaryExact(
  (a, b) => a + b,
  (a, b) => a.plus(b),
);
export const subtract = binaryExact(
  (a, b) => a - b,
  (a, b) => a.minus(b),
);
export const multiply = binaryExact(
  (a, b) => a * b,
  (a, b) => a.times(b),
);
/** Null when dividing by zero (JSON-Logic here and `NULLIF(b, 0)` in SQL agree). */
export const divide = binaryExact(
  () => Number.NaN,
  (a, b) => (b.isZero() ? null : a.div(b)),
);
/** The remainder takes the sign of the dividend (JavaScript's and Postgres' `%`). */
export const remainder = binaryExact(
  () => Number.NaN,
  (a, b) => (b.isZero() ? null : a.mod(b)),
);

export function negate(a: unknown): Numeric | null {
  if (safe(a)) return a === 0 ? 0 : -a;
  return toDecimal(a)?.neg() ?? null;
}

export function absolute(a: unknown): Numeric | null {
  if (safe(a)) return Math.abs(a);
  return toDecimal(a)?.abs() ?? null;
}

/**
 * Compares two values when either is a decimal (JavaScript would compare two decimals as text):
 * −1, 0, 1, or null when they are not both numbers. Otherwise undefined: compare as JavaScript does.
 */
export function compareExact(a: unknown, b: unknown): number | null | undefined {
  if (!isDecimal(a) && !isDecimal(b)) return undefined;
  const da = toDecimal(a);
  const db = toDecimal(b);
  return da === null || db === null ? null : da.cmp(db);
}

/** Smallest / largest of the numbers (null when any is missing or not a number, as SQL). */
export function extreme(values: readonly unknown[], sign: 1 | -1): Numeric | null {
  if (values.length === 0) return null;
  let best: Decimal | null = null;
  for (const v of values) {
    const d = toDecimal(v);
    if (d === null) return null;
    if (best === null || d.cmp(best) * sign > 0) best = d;
  }
  return best;
}
