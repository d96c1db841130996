/** Calendar units accepted by `date_add`. */
export const DATE_ADD_UNITS = ['day', 'week', 'month', 'quarter', 'year', 'hour', 'minute'] as const;
export type DateAddUnit = (typeof DATE_ADD_UNITS)[number];
/** Units accepted by `start_of` / `end_of` (week = ISO week, starting Monday). */
export const TRUNC_UNITS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type TruncUnit = (typeof TRUNC_UNITS)[number];

export interface OperatorSpec {
  /** Fewest and most arguments (`Infinity` = no upper bound). */
  readonly arity: readonly [number, number];
  /** Translated to SQL by `toSql` (the filter subset). */
  readonly sql: boolean;
  /** Index of an argument that must be a literal unit name, with the allowed names. */
  readonly unit?: { readonly index: number; readonly allowed: readonly string[] };
  /** Argument indexes evaluated per array element (the scope is the element). */
  readonly scoped?: readonly number[];
  /** One-line description, used by the README table and error messages. */
  readonly doc: string;
}

const ANY = Number.POSITIVE_INFINITY;

/**
 * The allow-list. Anything not here is a validation error; json-logic-js's `log` and dotted
 * method names (`Math.abs`) are deliberately absent.
 */
export const OPERATORS: Readonly<Record<string, OperatorSpec>> = {
  var: { arity: [0, 2], sql: true, doc: 'value at a dot path of the data, with an optional default' },
  missing: { arity: [0, ANY], sql: false, doc: 'keys whose value is null, undefined or ""' },
  missing_some: { arity: [2, 2], sql: false, doc: '[] when at least n of the keys are present' },
  if: { arity: [0, ANY], sql: false, doc: 'if / else-if / else' },
  '?:': { arity: [0, ANY], sql: false, doc: 'alias of if' },
  '==': { arity: [2, 2], sql: true, doc: 'loose equality; == null means IS NULL' },
  '===': { arity: [2, 2], sql: true, doc: 'strict equality' },
  '!=': { arity: [2, 2], sql: true, doc: 'negation of ==' },
  '!==': { arity: [2, 2], sql: true, doc: 'negation of ===' },
  '!': { arity: [1, 1], sql: true, doc: 'not (truthiness)' },
  '!!': { arity: [1, 1], sql: true, doc: 'truthiness as a boolean' },
  or: { arity: [1, ANY], sql: true, doc: 'first truthy argument, or the last' },
  and: { arity: [1, ANY], sql: true, doc: 'first falsy argument, or the last' },
  '<': { arity: [2, 3], sql: true, doc: 'less than; 3 args: a < b < c' },
  '<=': { arity: [2, 3], sql: true, doc: 'at most; 3 args: a <= b <= c (between)' },
  '>': { arity: [2, 2], sql: true, doc: 'greater than' },
  '>=': { arity: [2, 2], sql: true, doc: 'at least' },
  '+': { arity: [0, ANY], sql: true, doc: 'sum of the arguments (numbers)' },
  '-': { arity: [1, 2], sql: true, doc: 'difference, or negation with one argument' },
  '*': { arity: [1, ANY], sql: true, doc: 'product' },
  '/': { arity: [2, 2], sql: true, doc: 'quotient (null when dividing by zero)' },
  '%': { arity: [2, 2], sql: true, doc: 'remainder (null when dividing by zero)' },
  min: { arity: [1, ANY], sql: false, doc: 'smallest number' },
  max: { arity: [1, ANY], sql: false, doc: 'largest number' },
  cat: { arity: [0, ANY], sql: true, doc: 'concatenate as text' },
  substr: { arity: [2, 3], sql: false, doc: 'substring by start and length (negative counts from the end)' },
  in: { arity: [2, 2], sql: true, doc: 'membership in a list, or substring of a text (case-sensitive)' },
  merge: { arity: [0, ANY], sql: false, doc: 'flatten arguments into one array' },
  // In SQL only over a resolver's row sets (line items): EXISTS / NOT EXISTS subqueries.
  some: { arity: [2, 2], sql: true, scoped: [1], doc: 'some element satisfies the condition' },
  all: { arity: [2, 2], sql: true, scoped: [1], doc: 'every element satisfies (false for [])' },
  none: { arity: [2, 2], sql: true, scoped: [1], doc: 'no element satisfies' },
  map: { arity: [2, 2], sql: false, scoped: [1], doc: 'map each element' },
  filter: { arity: [2, 2], sql: false, scoped: [1], doc: 'keep elements satisfying the condition' },
  reduce: { arity: [2, 3], sql: false, scoped: [1], doc: 'fold with {current, accumulator}' },
  today: { arity: [0, 0], sql: true, doc: 'the calendar date of ctx.now in ctx.timeZone (YYYY-MM-DD)' },
  now: { arity: [0, 0], sql: true, doc: 'ctx.now as an ISO timestamp' },
  date_add: {
    arity: [3, 3],
    sql: true,
    unit: { index: 2, allowed: DATE_ADD_UNITS },
    doc: 'add n units to a date or datetime',
  },
  date_diff: {
    arity: [3, 3],
    sql: true,
    unit: { index: 2, allowed: DATE_ADD_UNITS },
    doc: 'whole units from b to a (a − b), truncated toward zero',
  },
  start_of: {
    arity: [2, 2],
    sql: true,
    unit: { index: 1, allowed: TRUNC_UNITS },
    doc: 'first day (or instant) of the day/week/month/quarter/year',
  },
  end_of: {
    arity: [2, 2],
    sql: true,
    unit: { index: 1, allowed: TRUNC_UNITS },
    doc: 'last day (or last millisecond) of the unit',
  },
  days_since: { arity: [1, 1], sql: true, doc: 'whole days from the date to today' },
  round: { arity: [1, 2], sql: true, doc: 'round half away from zero to n digits' },
  abs: { arity: [1, 1], sql: true, doc: 'absolute value' },
  sum: { arity: [1, 2], sql: false, scoped: [1], doc: 'sum of an array, or of expr per element' },
  count: { arity: [1, 2], sql: false, scoped: [1], doc: 'number of elements (satisfying cond)' },
  is_empty: { arity: [1, 1], sql: true, doc: 'null, undefined, "" or []' },
  contains: { arity: [2, 2], sql: true, doc: 'case-insensitive substring (text search)' },
  starts_with: { arity: [2, 2], sql: true, doc: 'case-insensitive prefix' },
  lower: { arity: [1, 1], sql: true, doc: 'lower case' },
  upper: { arity: [1, 1], sql: true, doc: 'upper case' },
  coalesce: { arity: [1, ANY], sql: true, doc: 'first argument that is not null' },
};

export function operatorSpec(name: string): OperatorSpec | undefined {
  return Object.hasOwn(OPERATORS, name) ? OPERATORS[name] : undefined;
}
