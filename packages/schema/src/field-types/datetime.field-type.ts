import type { FieldOfType } from '../form/field.schema';
import { fieldVariant, indexedProperty } from '../form/field-base.schema';
import type { CellCodec } from './cells/cell-codec';
import { notA } from './cells/common-cells';
import { offsetMs, parseDateTimeCell } from './cells/date-cell.parser';
import type { FieldTypeSpec } from './field-type.spec';

/** An instant in time (`timestamptz`). */
export const DateTimeField = fieldVariant('datetime', { ...indexedProperty }, 'A date and time.');

/** Wall-clock time in the platform's zone out ("2026-01-05 09:30:00"); read back in that zone. */
const datetimeCell: CellCodec<FieldOfType<'datetime'>> = {
  read: (_f, cell, text, ctx) =>
    typeof cell === 'boolean' ? notA('date and time', text) : parseDateTimeCell(cell, ctx.timeZone),
  write: (_f, value, ctx) => {
    const at = new Date(String(value));
    const shifted = new Date(at.getTime() + offsetMs(at.getTime(), ctx.timeZone));
    return shifted.toISOString().slice(0, 19).replace('T', ' ');
  },
};

export const datetimeFieldType: FieldTypeSpec<'datetime'> = {
  type: 'datetime',
  label: { en: 'Date and time', 'zh-CN': '日期时间' },
  settings: DateTimeField,
  inLineItems: true,
  computed: false,
  indexable: true,
  column: () => ({ kind: 'timestamptz' }),
  value: () => ({ type: 'string', format: 'date-time' }),
  kind: () => 'datetime',
  cell: datetimeCell,
  display: () => ({ format: 'datetime', align: 'left' }),
};
