import type { FieldOfType } from '../form/field.schema';
import { fieldVariant, indexedProperty, rangeProperties } from '../form/field-base.schema';
import type { CellCodec } from './cells/cell-codec';
import { notA } from './cells/common-cells';
import { parsePercent } from './cells/number-cell.parser';
import { numericColumn } from './column-type';
import type { FieldTypeSpec } from './field-type.spec';
import { precisionProperty, scaleProperty } from './number.field-type';
import { numberValue } from './value-schema';

/** A percentage stored as a ratio: 0.15 is shown as 15 %. `numeric`, or `numeric(precision, scale)`. */
export const PercentField = fieldVariant(
  'percent',
  {
    ...rangeProperties,
    precision: precisionProperty,
    scale: scaleProperty(1000, 'Digits after the decimal point of the ratio.'),
    ...indexedProperty,
  },
  'A percentage, stored as a ratio (0.15 = 15 %).',
);

/** "12.5%" both ways; a bare number is already the ratio (as Excel stores 12 %). */
const percentCell: CellCodec<FieldOfType<'percent'>> = {
  read: (_f, cell, text) =>
    cell instanceof Date || typeof cell === 'boolean' ? notA('percentage', text) : parsePercent(cell),
  write: (_f, value) => `${String(Number((Number(value) * 100).toPrecision(12)))}%`,
};

export const percentFieldType: FieldTypeSpec<'percent'> = {
  type: 'percent',
  label: { en: 'Percent', 'zh-CN': '百分比' },
  settings: PercentField,
  inLineItems: true,
  computed: false,
  indexable: true,
  column: (f) => numericColumn(f.precision, f.scale),
  value: (f) => numberValue(numericColumn(f.precision, f.scale), f.min, f.max),
  kind: () => 'decimal',
  cell: percentCell,
  display: () => ({ format: 'percent', align: 'right' }),
};
