import { fieldVariant, indexedProperty } from '../form/field-base.schema';
import type { FieldTypeSpec } from './field-type.spec';

/** An instant in time (`timestamptz`). */
export const DateTimeField = fieldVariant('datetime', { ...indexedProperty }, 'A date and time.');

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
  display: () => ({ format: 'datetime', align: 'left' }),
};
