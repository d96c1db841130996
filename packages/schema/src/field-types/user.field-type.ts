import { fieldVariant } from '../form/field-base.schema';
import type { FieldTypeSpec } from './field-type.spec';
import { multipleProperty } from './people';

/** A platform user (`uuid` of tessera.users, or `uuid[]` when `multiple`). */
export const UserField = fieldVariant('user', { multiple: multipleProperty }, 'A user of the platform.');

export const userFieldType: FieldTypeSpec<'user'> = {
  type: 'user',
  label: { en: 'User', 'zh-CN': '成员' },
  settings: UserField,
  inLineItems: true,
  computed: false,
  indexable: true,
  column: (f) => (f.multiple === true ? { kind: 'uuid_array' } : { kind: 'uuid' }),
  value: (f) =>
    f.multiple === true
      ? { type: 'array', items: { type: 'string', format: 'uuid' }, uniqueItems: true }
      : { type: 'string', format: 'uuid' },
  kind: (f) => (f.multiple === true ? 'array' : 'text'),
  aggregations: () => ['count_distinct'],
  display: () => ({ format: 'user', align: 'left' }),
};
