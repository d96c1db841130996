import { Type } from '@sinclair/typebox';
import { fieldVariant, indexedProperty, rangeProperties, uniqueProperty } from '../form/field-base.schema';
import { numberCell } from './cells/common-cells';
import { numericColumn } from './column-type';
import type { FieldTypeSpec } from './field-type.spec';
import { numberValue } from './value-schema';

/** `precision` of number and percent fields. */
export const precisionProperty = Type.Optional(
  Type.Integer({ minimum: 1, maximum: 1000, description: 'Total number of significant digits.' }),
);
/** `scale` of numeric fields, up to `max` digits. */
export const scaleProperty = (max: number, what: string) =>
  Type.Optional(Type.Integer({ minimum: 0, maximum: max, description: what }));

/** A decimal number: `numeric(precision, scale)`, or unconstrained `numeric` without precision. */
export const NumberField = fieldVariant(
  'number',
  {
    ...uniqueProperty,
    ...indexedProperty,
    ...rangeProperties,
    precision: precisionProperty,
    scale: scaleProperty(1000, 'Digits after the decimal point.'),
  },
  'A decimal number.',
);

export const numberFieldType: FieldTypeSpec<'number'> = {
  type: 'number',
  label: { en: 'Number', 'zh-CN': '数字' },
  settings: NumberField,
  inLineItems: true,
  computed: false,
  indexable: true,
  column: (f) => numericColumn(f.precision, f.scale),
  value: (f) => numberValue(numericColumn(f.precision, f.scale), f.min, f.max),
  kind: () => 'decimal',
  cell: numberCell,
  display: () => ({ format: 'number', align: 'right' }),
};
