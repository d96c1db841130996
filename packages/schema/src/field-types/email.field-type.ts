import { fieldVariant, indexedProperty, uniqueTextProperties } from '../form/field-base.schema';
import { textCell } from './cells/common-cells';
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
  cell: textCell,
  display: () => ({ format: 'email', align: 'left' }),
};
