import { fieldVariant, indexedProperty } from '../form/field-base.schema';
import type { FieldTypeSpec } from './field-type.spec';

/** Yes / no (`boolean`). */
export const BooleanField = fieldVariant('boolean', { ...indexedProperty }, 'Yes / no.');

export const booleanFieldType: FieldTypeSpec<'boolean'> = {
  type: 'boolean',
  label: { en: 'Yes / no', 'zh-CN': '是/否' },
  settings: BooleanField,
  inLineItems: true,
  computed: false,
  indexable: true,
  column: () => ({ kind: 'boolean' }),
  value: () => ({ type: 'boolean' }),
  kind: () => 'boolean',
  display: () => ({ format: 'boolean', align: 'center' }),
};
