import type { ComputedResultType } from '@tessera/schema';
import { plainNumber, roundDecimal, toDecimal } from '../decimal/exact-decimal';

type ResultOf = (
  raw: NonNullable<unknown>,
  scale: number | undefined,
  currency: string | undefined,
) => unknown;

/** A number result, exact: booleans count as 1 / 0, anything not a number gives null. */
function exact(raw: unknown, scale: number | undefined): number | string | null {
  const d = toDecimal(typeof raw === 'boolean' ? (raw ? 1 : 0) : raw);
  if (d === null) return null;
  return plainNumber(scale === undefined ? d : roundDecimal(d, scale));
}

/** Each result type's conversion (the compiler names a new result type's missing entry). */
const RESULTS: Readonly<Record<ComputedResultType, ResultOf>> = {
  number: (raw, scale) => exact(raw, scale),
  integer: (raw) => exact(raw, 0),
  // like a money field's value: the amount as a decimal string at the scale its column keeps
  money: (raw, scale, currency) => {
    const d = toDecimal(typeof raw === 'boolean' ? (raw ? 1 : 0) : raw);
    if (d === null) return null;
    const amount = roundDecimal(d, scale ?? 2).toFixed(scale ?? 2);
    return currency === undefined ? { amount } : { amount, currency };
  },
  text: (raw) => (typeof raw === 'object' ? JSON.stringify(raw) : String(raw)),
  boolean: (raw) => Boolean(raw) && !(Array.isArray(raw) && raw.length === 0),
  date: (raw) => {
    const text = String(raw).slice(0, 10);
    return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) ? text : null;
  },
  datetime: (raw) => {
    const t = Date.parse(String(raw));
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  },
};

/**
 * A formula's raw result as the value stored in its column. Numbers are exact decimals rounded
 * half away from zero to `scale` (integers to 0 places) — a JS number when it says the same, else
 * the exact decimal text, which the column takes as is; whether it fits the column is checked
 * apart (computed-value.checker). Money is `{ amount: "12.30", currency }` (the formula's currency).
 * Unparsable dates and non-numbers become null.
 */
export function formulaResult(
  raw: unknown,
  type: ComputedResultType,
  scale?: number,
  currency?: string,
): unknown {
  if (raw === null || raw === undefined) return null;
  return RESULTS[type](raw, scale, currency);
}
