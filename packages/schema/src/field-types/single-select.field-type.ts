import { fieldVariant, indexedProperty, uniqueProperty } from '../form/field-base.schema';
import type { FieldTypeSpec } from './field-type.spec';
import { selectOptions } from './select-option';

/** One value out of `options` (`text` with a CHECK constraint listing the values). */
export const SingleSelectField = fieldVariant(
  'single_select',
  { options: selectOptions, ...uniqueProperty, ...indexedProperty },
  'One choice out of a list.',
);

export const singleSelectFieldType: FieldTypeSpec<'single_select'> = {
  type: 'single_select',
  label: { en: 'Single select', 'zh-CN': '单选' },
  settings: SingleSelectField,
  inLineItems: true,
  computed: false,
  indexable: true,
  column: () => ({ kind: 'text' }),
  value: (f) => ({ type: 'string', enum: f.options.map((o) => o.value) }),
  kind: () => 'text',
  display: () => ({ format: 'option', align: 'left' }),
};
