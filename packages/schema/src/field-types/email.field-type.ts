import { fieldVariant, indexedProperty, uniqueTextProperties } from '../form/field-base.schema';
import { textCell } from './cells/common-cells';
import { sqlPatternCell } from './cells/sql-cell';
import type { FieldTypeSpec } from './field-type.spec';

/** An e-mail address (`text`). */
export const EmailField = fieldVariant(
  'email',
  { ...uniqueTextProperties, ...indexedProperty },
  'An e-mail address.',
);

export const emailFieldType: FieldTypeSpec<'email'> = {
  type: 'email',
  label: { en: 'E-mail', 'zh-CN': '邮箱' },
  settings: EmailField,
  inLineItems: true,
  computed: false,
  indexable: true,
  column: () => ({ kind: 'text' }),
  value: () => ({ type: 'string', format: 'email', maxLength: 320 }),
  kind: () => 'text',
  // a conservative spelling the `email` format surely allows; the rest is read per row
  sqlCell: (_f, c) =>
    sqlPatternCell(
      c.text,
      '^[A-Za-z0-9_%+-]+(\\.[A-Za-z0-9_%+-]+)*@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$',
      254,
    ),
  cell: textCell,
  display: () => ({ format: 'email', align: 'left' }),
};
