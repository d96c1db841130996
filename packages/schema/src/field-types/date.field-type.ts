import { fieldVariant, indexedProperty } from '../form/field-base.schema';
import type { FieldTypeSpec } from './field-type.spec';

/** A calendar date without time (`date`). */
export const DateField = fieldVariant('date', { ...indexedProperty }, 'A calendar date.');

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
  display: () => ({ format: 'date', align: 'left' }),
};
