import { fieldVariant } from '../form/field-base.schema';
import type { FieldTypeSpec } from './field-type.spec';

/** Any JSON value (`jsonb`). */
export const JsonField = fieldVariant('json', {}, 'A JSON value.');

export const jsonFieldType: FieldTypeSpec<'json'> = {
  type: 'json',
  label: { en: 'JSON', 'zh-CN': 'JSON' },
  settings: JsonField,
  inLineItems: true,
  computed: false,
  indexable: false,
  column: () => ({ kind: 'jsonb' }),
  value: () => ({}),
  kind: () => 'json',
  display: () => ({ format: 'json', align: 'left' }),
};
