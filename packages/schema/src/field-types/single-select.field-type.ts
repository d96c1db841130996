import { Type } from '@sinclair/typebox';
import type { FieldOfType } from '../form/field.schema';
import { fieldVariant, indexedProperty, uniqueProperty } from '../form/field-base.schema';
import type { CellCodec } from './cells/cell-codec';
import { parseOption } from './cells/choice-cell.parser';
import { optionLabel } from './cells/common-cells';
import { sqlOptionCell } from './cells/sql-cell';
import type { FieldTypeSpec } from './field-type.spec';
import { selectOptions } from './select-option';

/** One value out of `options` (`text` with a CHECK constraint listing the values). */
export const SingleSelectField = fieldVariant(
  'single_select',
  {
    options: selectOptions,
    ...uniqueProperty,
    ...indexedProperty,
    userTransitions: Type.Optional(
      Type.Record(Type.String(), Type.Array(Type.String(), { uniqueItems: true }), {
        description:
          'With readOnly: the changes a person may still make, { "<from>": ["<to>", …] } — a quote\'s status from draft to pending approval (submitting it); every other change is left to flows and rules.',
      }),
    ),
  },
  'One choice out of a list.',
);

/** The option's label out; its value or a label in either language in. */
const singleSelectCell: CellCodec<FieldOfType<'single_select'>> = {
  read: (f, _cell, text) => parseOption(f.options, text),
  write: (f, value, ctx) => optionLabel(f.options, String(value), ctx.lang),
};

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
  cell: singleSelectCell,
  sqlCell: (f, c) => sqlOptionCell(c.text, f.options),
  display: () => ({ format: 'option', align: 'left' }),
};
