import { Identifier } from '../common/index';
import type { FieldOfType } from '../form/field.schema';
import { fieldVariant } from '../form/field-base.schema';
import type { CellCodec } from './cells/cell-codec';
import type { FieldTypeSpec } from './field-type.spec';

/** A field of the record a link field points to, read through the link (no column of its own). */
export const LookupField = fieldVariant(
  'lookup',
  {
    link: { ...Identifier, description: 'The key of a link field of this form.' },
    field: { ...Identifier, description: 'The key of the field of the linked form to show.' },
  },
  'A field of the linked record, read through a link (computed at read, not stored).',
);

/** No column: reports join the link and read the target field (`kind` null says so). */
/** The looked-up value as it is (JSON for an object); imports never write it. */
const lookupCell: CellCodec<FieldOfType<'lookup'>> = {
  read: (_f, _cell, text) => ({ ok: true, value: text }),
  write: (_f, value) => (typeof value === 'object' ? JSON.stringify(value) : (value as string | number)),
};

export const lookupFieldType: FieldTypeSpec<'lookup'> = {
  type: 'lookup',
  label: { en: 'Lookup', 'zh-CN': '引用字段' },
  settings: LookupField,
  inLineItems: true,
  computed: true,
  indexable: false,
  column: () => null,
  value: () => ({}),
  kind: () => null,
  cell: lookupCell,
  display: () => ({ format: 'text', align: 'left' }),
};
