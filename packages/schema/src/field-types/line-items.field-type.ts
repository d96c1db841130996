import { LineItemsField } from '../form/field.schema';
import type { FieldTypeSpec } from './field-type.spec';
import { strip } from './value-schema';

/** Line items: rows in a child table `<form>__<key>` (no column of its own). */
export const lineItemsFieldType: FieldTypeSpec<'line_items'> = {
  type: 'line_items',
  label: { en: 'Line items', 'zh-CN': '子表单' },
  settings: LineItemsField,
  inLineItems: false,
  computed: false,
  indexable: false,
  column: () => null,
  value: (f, rows) =>
    strip({ type: 'array', minItems: f.minRows, maxItems: f.maxRows, items: rows(f.fields) }),
  kind: () => null,
  aggregations: () => [],
  display: () => ({ format: 'rows', align: 'left' }),
};
