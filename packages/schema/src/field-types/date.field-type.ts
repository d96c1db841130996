import type { FieldOfType } from '../form/field.schema';
import { fieldVariant, indexedProperty } from '../form/field-base.schema';
import type { CellCodec } from './cells/cell-codec';
import { notA } from './cells/common-cells';
import { parseDateCell } from './cells/date-cell.parser';
import type { FieldTypeSpec } from './field-type.spec';

/** A calendar date without time (`date`). */
export const DateField = fieldVariant('date', { ...indexedProperty }, 'A calendar date.');

/** YYYY-MM-DD out; the spellings people type (and Excel serials and date cells) in. */
const dateCell: CellCodec<FieldOfType<'date'>> = {
  read: (_f, cell, text) => (typeof cell === 'boolean' ? notA('date', text) : parseDateCell(cell)),
  write: (_f, value) => String(value).slice(0, 10),
};

export const dateFieldType: FieldTypeSpec<'date'> = {
  type: 'date',
  label: { en: 'Date', 'zh-CN': '日期' },
  settings: DateField,
  inLineItems: true,
  computed: false,
  indexable: true,
  column: () => ({ kind: 'date' }),
  value: () => ({ type: 'string', format: 'date' }),
  kind: () => 'date',
  cell: dateCell,
  display: () => ({ format: 'date', align: 'left' }),
};
