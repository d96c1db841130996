import type { FieldOfType } from '../form/field.schema';
import { fieldVariant, indexedProperty } from '../form/field-base.schema';
import type { CellCodec } from './cells/cell-codec';
import { parseBoolean } from './cells/choice-cell.parser';
import { notA } from './cells/common-cells';
import { YES_NO } from './field-display';
import type { FieldTypeSpec } from './field-type.spec';

/** Yes / no (`boolean`). */
export const BooleanField = fieldVariant('boolean', { ...indexedProperty }, 'Yes / no.');

/** 是/否, yes/no, true/false, 1/0 in; yes/no in the export's language out. */
const booleanCell: CellCodec<FieldOfType<'boolean'>> = {
  read: (_f, cell, text) => (cell instanceof Date ? notA('yes/no value', text) : parseBoolean(cell)),
  write: (_f, value, ctx) => YES_NO[ctx.lang][value === true ? 0 : 1],
};

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
  cell: booleanCell,
  display: () => ({ format: 'boolean', align: 'center' }),
};
