import { Type } from '@sinclair/typebox';
import { Identifier, JsonLogic, StringEnum } from '../common/index';
import type { FieldOfType } from '../form/field.schema';
import { fieldVariant, indexedProperty } from '../form/field-base.schema';
import { computedCell } from './cells/common-cells';
import { COMPUTED_RESULT_TYPES, COMPUTED_RESULTS, type ComputedResultType } from './computed-result';
import type { FieldTypeSpec } from './field-type.spec';

/** The result types of a rollup: a formula's but money. */
const ROLLUP_RESULT_TYPES = COMPUTED_RESULT_TYPES.filter((t) => t !== 'money');

/** Aggregates a rollup can compute. */
export const ROLLUP_AGGREGATES = ['count', 'sum', 'min', 'max', 'avg'] as const;
export type RollupAggregate = (typeof ROLLUP_AGGREGATES)[number];

/**
 * An aggregate over the records of another form that link to this record (a reverse link):
 * a customer's order count, total amount, last order date. Stored in a column and kept up to date
 * by the records engine.
 */
export const RollupField = fieldVariant(
  'rollup',
  {
    source: Type.Object(
      {
        form: { ...Identifier, description: 'The form whose records link here (e.g. "order").' },
        link: { ...Identifier, description: 'The key of its link field pointing at this form.' },
      },
      { additionalProperties: false, description: 'The reverse link to aggregate over.' },
    ),
    aggregate: StringEnum(ROLLUP_AGGREGATES, { description: 'The aggregate function.' }),
    field: Type.Optional({
      ...Identifier,
      description: 'The key of the aggregated field of the source form (not needed for count).',
    }),
    filter: Type.Optional({ ...JsonLogic, description: 'Only source records matching this JSON-Logic.' }),
    resultType: Type.Optional(
      // money is a formula's (it names its currency); a rollup of amounts is a number
      StringEnum(ROLLUP_RESULT_TYPES, {
        description: 'Type of the result. Default: integer for count, number otherwise.',
      }),
    ),
    scale: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, description: 'Digits after the point.' })),
    ...indexedProperty,
  },
  'An aggregate of linked records.',
);

/** The type a rollup's result has: its `resultType`, else integer for count and number otherwise. */
export function rollupResultType(field: FieldOfType<'rollup'>): ComputedResultType {
  return field.resultType ?? (field.aggregate === 'count' ? 'integer' : 'number');
}

export const rollupFieldType: FieldTypeSpec<'rollup'> = {
  type: 'rollup',
  label: { en: 'Rollup', 'zh-CN': '汇总' },
  settings: RollupField,
  inLineItems: false,
  computed: true,
  indexable: true,
  column: (f) => COMPUTED_RESULTS[rollupResultType(f)].column(f.scale),
  value: () => ({}),
  kind: (f) => COMPUTED_RESULTS[rollupResultType(f)].kind,
  cell: computedCell,
  display: (f) => ({
    format: COMPUTED_RESULTS[rollupResultType(f)].format,
    align: COMPUTED_RESULTS[rollupResultType(f)].kind === 'text' ? 'left' : 'right',
  }),
};
