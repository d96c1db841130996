import type { FieldOfType } from '../form/field.schema';
import { fieldVariant } from '../form/field-base.schema';
import type { CellCodec } from './cells/cell-codec';
import { splitList } from './cells/choice-cell.parser';
import { allParts } from './cells/common-cells';
import type { FieldTypeSpec } from './field-type.spec';
import { multipleProperty } from './people';

/** A platform user (`uuid` of tessera.users, or `uuid[]` when `multiple`). */
export const UserField = fieldVariant('user', { multiple: multipleProperty }, 'A user of the platform.');

/** User names both ways (ids resolved by the importer). */
const userCell: CellCodec<FieldOfType<'user'>> = {
  read: (f, _cell, text, ctx) =>
    f.multiple === true ? allParts(splitList(text), (part) => ctx.refs.user(part)) : ctx.refs.user(text),
  write: (_f, value, ctx) =>
    (Array.isArray(value) ? value : [value]).map((id) => ctx.userName(String(id)) ?? String(id)).join(', '),
};

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
  cell: userCell,
  display: () => ({ format: 'user', align: 'left' }),
};
