import { fieldVariant, indexedProperty, rangeProperties, uniqueProperty } from '../form/field-base.schema';
import { numberCell } from './cells/common-cells';
import type { FieldTypeSpec } from './field-type.spec';
import { integerValue } from './value-schema';

/** A whole number (`bigint`; values within ±(2^53 − 1), which JSON numbers hold exactly). */
export const IntegerField = fieldVariant(
  'integer',
  { ...uniqueProperty, ...indexedProperty, ...rangeProperties },
  'A whole number (within ±9007199254740991, exact in JSON).',
);

export const integerFieldType: FieldTypeSpec<'integer'> = {
  type: 'integer',
  label: { en: 'Integer', 'zh-CN': '整数' },
  settings: IntegerField,
  inLineItems: true,
  computed: false,
  indexable: true,
  column: () => ({ kind: 'bigint' }),
  value: (f) => integerValue(f.min, f.max),
  kind: () => 'integer',
  cell: numberCell,
  display: () => ({ format: 'integer', align: 'right' }),
};
