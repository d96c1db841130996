import { fieldVariant, indexedProperty, uniqueProperty } from '../form/field-base.schema';
import { textCell } from './cells/common-cells';
import type { FieldTypeSpec } from './field-type.spec';

/** A web address (`text`). */
export const UrlField = fieldVariant(
  'url',
  { ...uniqueProperty, ...indexedProperty },
  'A URL (http or https).',
);

export const urlFieldType: FieldTypeSpec<'url'> = {
  type: 'url',
  label: { en: 'URL', 'zh-CN': '链接' },
  settings: UrlField,
  inLineItems: true,
  computed: false,
  indexable: true,
  column: () => ({ kind: 'text' }),
  value: () => ({
    type: 'string',
    format: 'uri',
    pattern: '^https?://',
    patternErrorMessage: 'must be an http or https URL',
  }),
  kind: () => 'text',
  cell: textCell,
  display: () => ({ format: 'url', align: 'left' }),
};
