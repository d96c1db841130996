import { toDecimal, wholeDigits } from '@tessera/logic';
import { type FieldOfType, fieldColumn, MAX_EXACT_INTEGER, numericDigits } from '@tessera/schema';
import type { FieldError } from '../records/records.error';

/**
 * Whether a computed number fits its column and the formula's own range, before anything is
 * written: a line amount of 2147483647 × 9999999999999999.99 that fits numeric(38, 2) is
 * stored exactly; one that does not is refused with its path — never stored as null. Integers
 * beyond ±(2^53 − 1) are refused (JSON numbers would round them).
 */
export function computedValueError(
  field: FieldOfType<'formula'>,
  value: unknown,
  path: string,
): FieldError | null {
  if (value === null || value === undefined) return null;
  if (field.resultType !== 'number' && field.resultType !== 'integer' && field.resultType !== 'money')
    return null;
  const amount = field.resultType === 'money' ? (value as { amount?: unknown }).amount : value;
  const d = toDecimal(amount);
  if (d === null) return null;
  const column = fieldColumn(field);
  const digits = column ? numericDigits(column) : null;
  if (digits && wholeDigits(d) > digits.whole) {
    return {
      path,
      message: `is ${String(amount)}: more than the ${digits.whole} digits before the point its column holds`,
    };
  }
  if (field.resultType === 'integer' && d.abs().gt(MAX_EXACT_INTEGER)) {
    return {
      path,
      message: `is ${value}: beyond ±${MAX_EXACT_INTEGER}, the largest whole number kept exact`,
    };
  }
  if (field.min !== undefined && d.lt(field.min))
    return { path, message: `must be at least ${field.min} (is ${String(amount)})` };
  if (field.max !== undefined && d.gt(field.max))
    return { path, message: `must be at most ${field.max} (is ${String(amount)})` };
  return null;
}
