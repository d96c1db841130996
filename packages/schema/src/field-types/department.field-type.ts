import { fieldVariant, indexedProperty } from '../form/field-base.schema';
import { orgUnitCell } from './cells/common-cells';
import type { FieldTypeSpec } from './field-type.spec';
import { keyColumn, keyValue, multipleProperty } from './people';

/** A department, by key (`text`, or `text[]` when `multiple`). */
export const DepartmentField = fieldVariant(
  'department',
  { multiple: multipleProperty, ...indexedProperty },
  'A department of the organisation.',
);

export const departmentFieldType: FieldTypeSpec<'department'> = {
  type: 'department',
  label: { en: 'Department', 'zh-CN': '部门' },
  settings: DepartmentField,
  inLineItems: true,
  computed: false,
  indexable: true,
  column: (f) => keyColumn(f.multiple),
  value: (f) => keyValue(f.multiple),
  kind: (f) => (f.multiple === true ? 'array' : 'text'),
  aggregations: () => ['count_distinct'],
  cell: orgUnitCell,
  display: () => ({ format: 'department', align: 'left' }),
};
