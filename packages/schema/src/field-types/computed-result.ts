import { StringEnum } from '../common/index';
import { type ColumnType, MONEY_PRECISION, numericColumn } from './column-type';
import type { DisplayFormat } from './field-display';
import type { ValueKind } from './value-kind';

/** The result types a formula or rollup may produce (each maps to one column type). */
export const COMPUTED_RESULT_TYPES = [
  'text',
  'number',
  'integer',
  'money',
  'boolean',
  'date',
  'datetime',
] as const;
export type ComputedResultType = (typeof COMPUTED_RESULT_TYPES)[number];

export const ComputedResultTypeSchema = StringEnum(COMPUTED_RESULT_TYPES, {
  description: 'The type of the computed value.',
});

/** What a computed result type is stored in and read as. */
export const COMPUTED_RESULTS: Readonly<
  Record<
    ComputedResultType,
    {
      column(scale: number | undefined): ColumnType;
      readonly kind: ValueKind;
      readonly format: DisplayFormat;
    }
  >
> = {
  text: { column: () => ({ kind: 'text' }), kind: 'text', format: 'text' },
  number: { column: (scale) => numericColumn(undefined, scale), kind: 'decimal', format: 'number' },
  integer: { column: () => ({ kind: 'bigint' }), kind: 'integer', format: 'integer' },
  // an amount in the formula's `currency`: `{ amount: "12.30", currency: "CNY" }` like a money field
  money: {
    column: (scale) => numericColumn(MONEY_PRECISION, scale ?? 2),
    kind: 'decimal',
    format: 'money',
  },
  boolean: { column: () => ({ kind: 'boolean' }), kind: 'boolean', format: 'boolean' },
  date: { column: () => ({ kind: 'date' }), kind: 'date', format: 'date' },
  datetime: { column: () => ({ kind: 'timestamptz' }), kind: 'datetime', format: 'datetime' },
};

/**
 * A formula yielding money (`resultType: "money"`): its currency, else null. Its value is
 * `{ amount, currency }` like a money field's, stored as the amount alone (the currency is the
 * formula's own, so there is no currency column).
 */
export function moneyFormulaCurrency(field: {
  readonly type: string;
  readonly resultType?: string;
  readonly currency?: string;
}): string | null {
  return field.type === 'formula' && field.resultType === 'money' ? (field.currency ?? null) : null;
}
