import type { FieldOfType } from '../form/field.schema';
import { fieldVariant, indexedProperty } from '../form/field-base.schema';
import type { CellCodec } from './cells/cell-codec';
import { notA } from './cells/common-cells';
import { parseDateCell } from './cells/date-cell.parser';
import { sqlGuarded } from './cells/sql-cell';
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
  // YYYY-MM-DD as it stands (what parseDateCell takes as is), a calendar date of years 1000–9999
  sqlCell: (_f, c) => {
    // YYYY-MM-DD as it stands (what parseDateCell takes as is) or YYYY/M/D, years 1000–9999
    const d = `replace(${c.raw}, '/', '-')`;
    const part = (i: number) => `split_part(${d}, '-', ${i})::int`;
    const date = `make_date(${part(1)}, ${part(2)}, ${part(3)})`;
    const syntax = `(${c.raw} ~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' or ${c.raw} ~ '^[1-9][0-9]{3}/(0?[1-9]|1[0-2])/(0?[1-9]|[12][0-9]|3[01])$')`;
    return {
      accept: sqlGuarded(
        syntax,
        `${part(3)} <= extract(day from make_date(${part(1)}, ${part(2)}, 1) + interval '1 month - 1 day')`,
      ),
      value: date,
      json: `to_jsonb(to_char(${date}, 'YYYY-MM-DD'))`,
    };
  },
  display: () => ({ format: 'date', align: 'left' }),
};
