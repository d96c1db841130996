import { fieldVariant, lengthProperties } from '../form/field-base.schema';
import { textCell } from './cells/common-cells';
import { sqlTextCell } from './cells/sql-cell';
import type { FieldTypeSpec } from './field-type.spec';
import { strip } from './value-schema';

/** Multi-line plain text (`text` column). */
export const LongTextField = fieldVariant('long_text', { ...lengthProperties }, 'Multi-line plain text.');

export const longTextFieldType: FieldTypeSpec<'long_text'> = {
  type: 'long_text',
  label: { en: 'Long text', 'zh-CN': '多行文本' },
  settings: LongTextField,
  inLineItems: true,
  computed: false,
  indexable: false,
  column: () => ({ kind: 'text' }),
  value: (f) => strip({ type: 'string', minLength: f.minLength, maxLength: f.maxLength }),
  kind: () => 'text',
  cell: textCell,
  sqlCell: (f, c) => sqlTextCell(c.text, f.minLength, f.maxLength),
  display: () => ({ format: 'multiline', align: 'left' }),
};
