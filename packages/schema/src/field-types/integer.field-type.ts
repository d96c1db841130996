import { fieldVariant, indexedProperty, rangeProperties, uniqueProperty } from '../form/field-base.schema';
import { numberCell } from './cells/common-cells';
import { sqlGuarded, sqlRange } from './cells/sql-cell';
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
  // plain digits (no separators, no leading zeros), within the field's range and ±(2^53 − 1)
  sqlCell: (f, c) => ({
    accept: sqlGuarded(
      `${c.text} ~ '^-?(0|[1-9][0-9]{0,14})$'`,
      sqlRange(`${c.text}::numeric`, f.min, f.max),
    ),
    value: `${c.text}::bigint`,
    json: `to_jsonb(${c.text}::bigint)`,
  }),
  display: () => ({ format: 'integer', align: 'right' }),
};
