import { Type } from '@sinclair/typebox';
import { JsonLogic } from '../common/index';
import { fieldVariant, indexedProperty, rangeProperties } from '../form/field-base.schema';
import { computedCell } from './cells/common-cells';
import { COMPUTED_RESULTS, ComputedResultTypeSchema } from './computed-result';
import type { FieldTypeSpec } from './field-type.spec';

/**
 * A value computed from the record (and its line items) by a JSON-Logic expression, e.g.
 * `{ "-": [{ "sum": [{ "var": "items" }, { "var": "amount" }] }, { "var": "discount" }] }`.
 * `resultType: "money"` with a `currency` yields an amount of money (`{ amount, currency }`).
 * Stored in a column of `resultType` and recomputed on every write of the record, in exact
 * decimal arithmetic. `min` / `max` refuse a write whose result falls outside (a total that
 * must not be negative: `"min": 0`).
 */
export const FormulaField = fieldVariant(
  'formula',
  {
    expression: JsonLogic,
    resultType: ComputedResultTypeSchema,
    scale: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, description: 'Digits after the point.' })),
    currency: Type.Optional(
      Type.String({
        pattern: '^[A-Z]{3}$',
        description: 'With resultType money (required there): the ISO 4217 code of the amount.',
      }),
    ),
    ...rangeProperties,
    ...indexedProperty,
  },
  'A value computed from the record.',
);

export const formulaFieldType: FieldTypeSpec<'formula'> = {
  type: 'formula',
  label: { en: 'Formula', 'zh-CN': '公式' },
  settings: FormulaField,
  inLineItems: true,
  computed: true,
  indexable: true,
  column: (f) => COMPUTED_RESULTS[f.resultType].column(f.scale),
  value: () => ({}),
  kind: (f) => COMPUTED_RESULTS[f.resultType].kind,
  cell: computedCell,
  display: (f) => ({
    format: COMPUTED_RESULTS[f.resultType].format,
    align: COMPUTED_RESULTS[f.resultType].kind === 'text' ? 'left' : 'right',
  }),
};
