import { Type } from '@sinclair/typebox';
import type { FieldOfType } from '../form/field.schema';
import { fieldVariant } from '../form/field-base.schema';
import type { CellCodec } from './cells/cell-codec';
import { parseOption, splitList } from './cells/choice-cell.parser';
import { allParts, optionLabel } from './cells/common-cells';
import type { FieldTypeSpec } from './field-type.spec';
import { selectOptions } from './select-option';
import { strip } from './value-schema';

/** Any number of values out of `options` (`text[]` with a CHECK constraint `<@ ARRAY[values]`). */
export const MultiSelectField = fieldVariant(
  'multi_select',
  {
    options: selectOptions,
    maxItems: Type.Optional(Type.Integer({ minimum: 1, description: 'At most this many choices.' })),
  },
  'Several choices out of a list.',
);

/** The options' labels joined (、 in Chinese); split on ; , 、 | and new lines in. */
const multiSelectCell: CellCodec<FieldOfType<'multi_select'>> = {
  read: (f, _cell, text) => allParts(splitList(text), (part) => parseOption(f.options, part)),
  write: (f, value, ctx) =>
    (value as string[])
      .map((v) => optionLabel(f.options, v, ctx.lang))
      .join(ctx.lang === 'zh-CN' ? '、' : ', '),
};

export const multiSelectFieldType: FieldTypeSpec<'multi_select'> = {
  type: 'multi_select',
  label: { en: 'Multiple select', 'zh-CN': '多选' },
  settings: MultiSelectField,
  inLineItems: true,
  computed: false,
  indexable: false,
  column: () => ({ kind: 'text_array' }),
  value: (f) =>
    strip({
      type: 'array',
      items: { type: 'string', enum: f.options.map((o) => o.value) },
      uniqueItems: true,
      maxItems: f.maxItems,
    }),
  kind: () => 'array',
  cell: multiSelectCell,
  display: () => ({ format: 'options', align: 'left' }),
};
