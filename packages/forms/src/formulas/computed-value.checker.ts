import { toDecimal, wholeDigits } from '@tessera/logic';
import { type FieldOfType, fieldColumn, fieldError, MAX_EXACT_INTEGER, numericDigits } from '@tessera/schema';
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
    return fieldError(path, 'COMPUTED_DIGITS', { value: String(amount), digits: digits.whole });
  }
  if (field.resultType === 'integer' && d.abs().gt(MAX_EXACT_INTEGER)) {
    return fieldError(path, 'COMPUTED_INEXACT', { value: String(value), max: String(MAX_EXACT_INTEGER) });
  }
  if (field.min !== undefined && d.lt(field.min))
    return fieldError(path, 'COMPUTED_MIN', { limit: field.min, value: String(amount) });
  if (field.max !== undefined && d.gt(field.max))
    return fieldError(path, 'COMPUTED_MAX', { limit: field.max, value: String(amount) });
  return null;
}
