import { StringEnum } from '../common/index';
import { type ColumnType, numericColumn } from './column-type';
import type { DisplayFormat } from './field-display';
import type { ValueKind } from './value-kind';

/** The result types a formula or rollup may produce (each maps to one column type). */
export const COMPUTED_RESULT_TYPES = ['text', 'number', 'integer', 'boolean', 'date', 'datetime'] as const;
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
  boolean: { column: () => ({ kind: 'boolean' }), kind: 'boolean', format: 'boolean' },
  date: { column: () => ({ kind: 'date' }), kind: 'date', format: 'date' },
  datetime: { column: () => ({ kind: 'timestamptz' }), kind: 'datetime', format: 'datetime' },
};
