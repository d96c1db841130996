import type { AnyField } from '@tessera/logic/browser';
import type { FieldType } from '@tessera/schema';

/**
 * Filter operators per field type, until the field-type registry in @tessera/schema
 * (packages/schema/src/field-types) carries them; then this table is read from there.
 * Each operator builds the JSON-Logic the list API filters by.
 */
export type FilterOperator =
  | 'eq'
  | 'ne'
  | 'contains'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'between'
  | 'in'
  | 'empty'
  | 'notEmpty'
  | 'isTrue'
  | 'isFalse';

const TEXT: FilterOperator[] = ['contains', 'eq', 'ne', 'empty', 'notEmpty'];
const NUMBER: FilterOperator[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'notEmpty'];
const CHOICE: FilterOperator[] = ['in', 'eq', 'ne', 'empty', 'notEmpty'];
const REF: FilterOperator[] = ['eq', 'ne', 'empty', 'notEmpty'];

export const FILTER_OPERATORS: Record<FieldType, readonly FilterOperator[]> = {
  text: TEXT,
  long_text: TEXT,
  rich_text: ['contains', 'empty', 'notEmpty'],
  email: TEXT,
  phone: TEXT,
  url: TEXT,
  auto_number: TEXT,
  number: NUMBER,
  integer: NUMBER,
  money: NUMBER,
  percent: NUMBER,
  rating: NUMBER,
  formula: NUMBER,
  rollup: NUMBER,
  date: ['eq', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'notEmpty'],
  datetime: ['gt', 'gte', 'lt', 'lte', 'between', 'empty', 'notEmpty'],
  boolean: ['isTrue', 'isFalse'],
  single_select: CHOICE,
  multi_select: ['in', 'empty', 'notEmpty'],
  user: REF,
  department: REF,
  role: REF,
  link: REF,
  lookup: ['eq', 'ne', 'empty', 'notEmpty'],
  line_items: [],
  attachment: ['empty', 'notEmpty'],
  json: [],
};

export interface FilterCondition {
  readonly field: string;
  readonly op: FilterOperator;
  readonly value?: unknown;
  readonly value2?: unknown;
}

export function operatorsFor(field: AnyField): readonly FilterOperator[] {
  if ((field.type === 'formula' || field.type === 'rollup') && 'resultType' in field) {
    const r = field.resultType;
    if (r === 'text') return TEXT;
    if (r === 'boolean') return FILTER_OPERATORS.boolean;
    if (r === 'date' || r === 'datetime') return FILTER_OPERATORS.date;
  }
  return FILTER_OPERATORS[field.type];
}

/** Operators that take no value. */
export const NO_VALUE = new Set<FilterOperator>(['empty', 'notEmpty', 'isTrue', 'isFalse']);

/** One condition as JSON-Logic (money compares its amount, which the API's filter reads as the field). */
export function conditionLogic(c: FilterCondition): unknown {
  const v = { var: c.field };
  switch (c.op) {
    case 'eq':
      return { '==': [v, c.value] };
    case 'ne':
      return { '!=': [v, c.value] };
    case 'contains':
      return { in: [c.value, v] };
    case 'gt':
      return { '>': [v, c.value] };
    case 'gte':
      return { '>=': [v, c.value] };
    case 'lt':
      return { '<': [v, c.value] };
    case 'lte':
      return { '<=': [v, c.value] };
    case 'between':
      return { and: [{ '>=': [v, c.value] }, { '<=': [v, c.value2] }] };
    case 'in':
      return { in: [v, Array.isArray(c.value) ? c.value : [c.value]] };
    case 'empty':
      return { '==': [v, null] };
    case 'notEmpty':
      return { '!=': [v, null] };
    case 'isTrue':
      return { '==': [v, true] };
    case 'isFalse':
      return { '!=': [v, true] };
  }
}

export function filterLogic(conditions: readonly FilterCondition[], match: 'all' | 'any'): unknown {
  const complete = conditions.filter(
    (c) => NO_VALUE.has(c.op) || (c.value !== undefined && c.value !== null && c.value !== ''),
  );
  if (complete.length === 0) return undefined;
  const parts = complete.map(conditionLogic);
  return parts.length === 1 ? parts[0] : { [match === 'all' ? 'and' : 'or']: parts };
}
