import { unstorableText } from '@tessera/schema';
import { assertNever, type ValueType } from '../model/value-type';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
const INTEGER_TEXT = /^-?\d{1,18}$/;
const DECIMAL_TEXT = /^-?\d{1,38}(\.\d{1,38})?$/;

/**
 * Why a data point's value cannot be compared with its dimension (a drill point is user input
 * bound as a parameter: a value of the wrong type is a 400 here, not a cast error in Postgres),
 * or null when it fits. `null` always fits: it drills into the records without a value.
 */
export function pointValueProblem(type: ValueType, value: unknown): string | null {
  if (value === null) return null;
  switch (type) {
    case 'text':
      if (typeof value === 'number' || typeof value === 'boolean') return null;
      return typeof value === 'string' ? unstorableText(value) : 'must be a text';
    case 'integer':
      if (typeof value === 'number') return Number.isSafeInteger(value) ? null : 'must be a whole number';
      return typeof value === 'string' && INTEGER_TEXT.test(value) ? null : 'must be a whole number';
    case 'number':
    case 'decimal':
      if (typeof value === 'number') return Number.isFinite(value) ? null : 'must be a number';
      return typeof value === 'string' && DECIMAL_TEXT.test(value) ? null : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'date':
      return typeof value === 'string' && calendarDate(DATE.exec(value))
        ? null
        : 'must be a date (YYYY-MM-DD, year 0001 to 9999)';
    case 'datetime':
      return typeof value === 'string' &&
        calendarDate(DATETIME.exec(value)) &&
        !Number.isNaN(Date.parse(value))
        ? null
        : 'must be a date and time (ISO 8601, year 0001 to 9999)';
    case 'json':
    case 'array':
      return 'a data point cannot be matched on a JSON or list value';
    default:
      return assertNever(type);
  }
}

/** A real calendar day of the years 0001–9999 (February 30 and month 13 are not). */
function calendarDate(match: RegExpExecArray | null): boolean {
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}
