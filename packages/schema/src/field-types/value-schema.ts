import { type ColumnType, MAX_EXACT_INTEGER, numericDigits } from './column-type';
import type { JsonSchema } from './field-type.spec';

/** Drops undefined properties (ajv strict mode refuses `minimum: undefined`). */
export function strip(schema: Record<string, unknown>): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([, v]) => v !== undefined));
}

/**
 * A JSON number that fits its numeric column and the field's own range. A `numeric(p, s)`
 * holds p − s whole digits; Postgres rounds the fraction to s digits first, so the bound is
 * 10^(p−s) less half a unit of the last digit (99.995 does not fit numeric(4, 2)).
 */
export function numberValue(
  column: ColumnType,
  min: number | undefined,
  max: number | undefined,
): JsonSchema {
  const digits = numericDigits(column);
  const bound = digits === null ? undefined : 10 ** digits.whole - 0.5 * 10 ** -digits.scale;
  return strip({
    type: 'number',
    minimum: min,
    maximum: max,
    exclusiveMinimum: bound === undefined ? undefined : -bound,
    exclusiveMaximum: bound,
  });
}

/** A whole JSON number within ±(2^53 − 1) and the field's range (bigint holds more; JSON does not). */
export function integerValue(min: number | undefined, max: number | undefined): JsonSchema {
  return {
    type: 'integer',
    minimum: Math.max(min ?? -MAX_EXACT_INTEGER, -MAX_EXACT_INTEGER),
    maximum: Math.min(max ?? MAX_EXACT_INTEGER, MAX_EXACT_INTEGER),
  };
}
