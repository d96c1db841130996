import type { FieldOfType } from '../form/field.schema';
import { fieldVariant } from '../form/field-base.schema';
import type { CellCodec } from './cells/cell-codec';
import { parseJsonCell } from './cells/common-cells';
import type { FieldTypeSpec } from './field-type.spec';

/** Any JSON value (`jsonb`). */
export const JsonField = fieldVariant('json', {}, 'A JSON value.');

/** JSON text both ways. */
const jsonCell: CellCodec<FieldOfType<'json'>> = {
  read: (_f, _cell, text) => parseJsonCell(text),
  write: (_f, value) => JSON.stringify(value),
};

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
  cell: jsonCell,
  display: () => ({ format: 'json', align: 'left' }),
};
