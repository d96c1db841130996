import { Type } from '@sinclair/typebox';
import {
  fieldVariant,
  indexedProperty,
  lengthProperties,
  uniqueTextProperties,
} from '../form/field-base.schema';
import { textCell } from './cells/common-cells';
import { sqlTextCell } from './cells/sql-cell';
import type { FieldTypeSpec } from './field-type.spec';
import { strip } from './value-schema';

/** Single-line text. With `maxLength` the column is `varchar(maxLength)`, otherwise `text`. */
export const TextField = fieldVariant(
  'text',
  {
    ...uniqueTextProperties,
    ...indexedProperty,
    ...lengthProperties,
    pattern: Type.Optional(
      Type.String({
        format: 'regex',
        description: 'A regular expression (ECMAScript) the value must match; checked by record validation.',
      }),
    ),
  },
  'Single-line text.',
);

export const textFieldType: FieldTypeSpec<'text'> = {
  type: 'text',
  label: { en: 'Text', 'zh-CN': '单行文本' },
  settings: TextField,
  inLineItems: true,
  computed: false,
  indexable: true,
  column: (f) => (f.maxLength === undefined ? { kind: 'text' } : { kind: 'varchar', length: f.maxLength }),
  value: (f) =>
    strip({
      type: 'string',
      minLength: f.minLength,
      maxLength: f.maxLength,
      pattern: f.pattern,
      patternErrorMessage: f.pattern === undefined ? undefined : `must match the pattern ${f.pattern}`,
      patternErrorCode: f.pattern === undefined ? undefined : 'FIELD_PATTERN',
      patternErrorParams: f.pattern === undefined ? undefined : { pattern: f.pattern },
    }),
  kind: () => 'text',
  cell: textCell,
  sqlCell: (f, c) => (f.pattern === undefined ? sqlTextCell(c.text, f.minLength, f.maxLength) : null),
  display: () => ({ format: 'text', align: 'left' }),
};
