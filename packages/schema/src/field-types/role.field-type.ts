import { fieldVariant, indexedProperty } from '../form/field-base.schema';
import { orgUnitCell } from './cells/common-cells';
import type { FieldTypeSpec } from './field-type.spec';
import { keyColumn, keyValue, multipleProperty } from './people';

/** A role, by key (`text`, or `text[]` when `multiple`). */
export const RoleField = fieldVariant(
  'role',
  { multiple: multipleProperty, ...indexedProperty },
  'A role of the platform.',
);

export const roleFieldType: FieldTypeSpec<'role'> = {
  type: 'role',
  label: { en: 'Role', 'zh-CN': '角色' },
  settings: RoleField,
  inLineItems: true,
  computed: false,
  indexable: true,
  column: (f) => keyColumn(f.multiple),
  value: (f) => keyValue(f.multiple),
  kind: (f) => (f.multiple === true ? 'array' : 'text'),
  aggregations: () => ['count_distinct'],
  cell: orgUnitCell,
  display: () => ({ format: 'role', align: 'left' }),
};
