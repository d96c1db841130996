import { fieldVariant, indexedProperty, uniqueProperty } from '../form/field-base.schema';
import { textCell } from './cells/common-cells';
import { sqlPatternCell } from './cells/sql-cell';
import type { FieldTypeSpec } from './field-type.spec';

/** A phone number as typed: digits with optional +, spaces, dashes, dots, parentheses; 5–32 chars. */
export const PHONE_PATTERN = '^\\+?[0-9][0-9 ().-]{3,30}[0-9]$';

/** A phone number as typed, e.g. `+86 138 0000 0000` (`text`). */
export const PhoneField = fieldVariant('phone', { ...uniqueProperty, ...indexedProperty }, 'A phone number.');

export const phoneFieldType: FieldTypeSpec<'phone'> = {
  type: 'phone',
  label: { en: 'Phone', 'zh-CN': '电话' },
  settings: PhoneField,
  inLineItems: true,
  computed: false,
  indexable: true,
  column: () => ({ kind: 'text' }),
  value: () => ({ type: 'string', pattern: PHONE_PATTERN, patternErrorMessage: 'must be a phone number' }),
  kind: () => 'text',
  cell: textCell,
  sqlCell: (_f, c) => sqlPatternCell(c.text, PHONE_PATTERN),
  display: () => ({ format: 'phone', align: 'left' }),
};
