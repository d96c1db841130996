import { fieldVariant, indexedProperty, uniqueProperty } from '../form/field-base.schema';
import { textCell } from './cells/common-cells';
import { type SqlCell, sqlPatternCell } from './cells/sql-cell';
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
  value: () => ({
    type: 'string',
    pattern: PHONE_PATTERN,
    patternErrorMessage: 'must be a phone number',
    patternErrorCode: 'FIELD_PHONE',
  }),
  kind: () => 'text',
  cell: textCell,
  sqlCell: (_f, c) => phoneSqlCell(c.text),
  display: () => ({ format: 'phone', align: 'left' }),
};

/**
 * PHONE_PATTERN in SQL without its bounded repetition, which Postgres' regular expressions run
 * about 5× slower than `*`: the same shape, and the middle part's 3–30 characters as a length
 * (the whole cell less its first and last digit and an optional leading `+`).
 */
function phoneSqlCell(t: string): SqlCell {
  const cell = sqlPatternCell(t, '^\\+?[0-9][0-9 ().-]*[0-9]$');
  const middle = `char_length(${t}) - 2 - (left(${t}, 1) = '+')::int`;
  return { ...cell, accept: `${cell.accept} and ${middle} between 3 and 30` };
}
