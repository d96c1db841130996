import type { SqlValueType } from '@tessera/logic';

/**
 * The type of a result column (and of a field as reports see it). It decides how the runner
 * hands a value back:
 * - `integer`  → number (counts, integer fields; an exact string only beyond 2^53),
 * - `number`   → number (double precision: averages, ratios, percentiles, durations),
 * - `decimal`  → string, exact (sums, minima and maxima of money and decimal fields),
 * - `date`     → `YYYY-MM-DD`, `datetime` → ISO-8601 text in UTC, `text`, `boolean`,
 * - `json`, `array` → as JSON.
 */
export type ValueType =
  | 'text'
  | 'integer'
  | 'number'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'json'
  | 'array';

/** The type `@tessera/logic` uses for the same value in a filter. */
export function logicType(type: ValueType): SqlValueType {
  switch (type) {
    case 'integer':
    case 'number':
    case 'decimal':
      return 'number';
    case 'text':
    case 'boolean':
    case 'date':
    case 'datetime':
    case 'json':
    case 'array':
      return type;
    default:
      return assertNever(type);
  }
}

export function isNumeric(type: ValueType): boolean {
  return type === 'integer' || type === 'number' || type === 'decimal';
}

export function isTemporal(type: ValueType): type is 'date' | 'datetime' {
  return type === 'date' || type === 'datetime';
}

export function assertNever(value: never): never {
  throw new Error(`unexpected variant: ${JSON.stringify(value)}`);
}
