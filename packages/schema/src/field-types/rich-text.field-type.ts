import { Type } from '@sinclair/typebox';
import { StringEnum } from '../common/index';
import { fieldVariant, lengthProperties } from '../form/field-base.schema';
import { textCell } from './cells/common-cells';
import type { FieldTypeSpec } from './field-type.spec';
import { strip } from './value-schema';

/** Formatted text (`text` column holding HTML or Markdown). */
export const RichTextField = fieldVariant(
  'rich_text',
  {
    format: Type.Optional(
      StringEnum(['html', 'markdown'] as const, { description: 'Storage format (default html).' }),
    ),
    maxLength: lengthProperties.maxLength,
  },
  'Formatted text.',
);

export const richTextFieldType: FieldTypeSpec<'rich_text'> = {
  type: 'rich_text',
  label: { en: 'Rich text', 'zh-CN': '富文本' },
  settings: RichTextField,
  inLineItems: true,
  computed: false,
  indexable: false,
  column: () => ({ kind: 'text' }),
  value: (f) => strip({ type: 'string', maxLength: f.maxLength }),
  kind: () => 'text',
  cell: textCell,
  display: () => ({ format: 'rich_text', align: 'left' }),
};
