/**
 * How filters, sorts and reports read a field's value. Several field types share a kind (text,
 * e-mail and a single select all read as text); the operators and aggregations a kind allows are
 * listed here once.
 */
export const VALUE_KINDS = [
  'text',
  'decimal',
  'integer',
  'boolean',
  'date',
  'datetime',
  'array',
  'json',
] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/**
 * The filter operators a condition builder may offer, named as the JSON-Logic operators they
 * produce (`between` is the three-argument `<=`). Each is translated to SQL by @tessera/logic.
 */
export type FilterOperator =
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'between'
  | 'in'
  | 'contains'
  | 'starts_with'
  | 'is_empty';

/** Report aggregations of a field's values (`count` of rows needs no field). */
export type Aggregation = 'count_distinct' | 'sum' | 'avg' | 'min' | 'max' | 'median' | 'percentile';

const ORDERED: readonly FilterOperator[] = ['==', '!=', '<', '<=', '>', '>=', 'between', 'is_empty'];

/** The operators each kind allows. */
export const KIND_OPERATORS: Readonly<Record<ValueKind, readonly FilterOperator[]>> = {
  text: ['==', '!=', 'in', 'contains', 'starts_with', 'is_empty'],
  decimal: [...ORDERED, 'in'],
  integer: [...ORDERED, 'in'],
  boolean: ['==', 'is_empty'],
  date: ORDERED,
  datetime: ORDERED,
  array: ['is_empty'],
  json: ['is_empty'],
};

const NUMERIC: readonly Aggregation[] = [
  'count_distinct',
  'sum',
  'avg',
  'min',
  'max',
  'median',
  'percentile',
];

/** The aggregations each kind allows. */
export const KIND_AGGREGATIONS: Readonly<Record<ValueKind, readonly Aggregation[]>> = {
  text: ['count_distinct', 'min', 'max'],
  decimal: NUMERIC,
  integer: NUMERIC,
  boolean: ['count_distinct'],
  date: ['count_distinct', 'min', 'max'],
  datetime: ['count_distinct', 'min', 'max'],
  array: ['count_distinct'],
  json: ['count_distinct'],
};
