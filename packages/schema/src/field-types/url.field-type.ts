import { fieldVariant, indexedProperty, uniqueProperty } from '../form/field-base.schema';
import { textCell } from './cells/common-cells';
import { sqlPatternCell } from './cells/sql-cell';
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
    patternErrorCode: 'FIELD_URL_SCHEME',
  }),
  kind: () => 'text',
  // a conservative spelling the `uri` format surely allows; the rest is read per row
  sqlCell: (_f, c) =>
    sqlPatternCell(
      c.text,
      '^https?://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?$',
      2000,
    ),
  cell: textCell,
  display: () => ({ format: 'url', align: 'left' }),
};
