import { Type } from '@sinclair/typebox';
import { Identifier, StringEnum } from '../common/index';
import type { FieldOfType } from '../form/field.schema';
import { fieldVariant } from '../form/field-base.schema';
import type { CellCodec } from './cells/cell-codec';
import type { FieldTypeSpec } from './field-type.spec';

/** What happens to records that link to a record being deleted. */
export const LINK_DELETE_POLICIES = ['restrict', 'set_null', 'cascade'] as const;
export type LinkDeletePolicy = (typeof LINK_DELETE_POLICIES)[number];

/**
 * Many-to-one link to a record of another form of the same app (a `uuid` column with a foreign
 * key and an index). The reverse list (a customer's orders) is this link read from the other side.
 */
export const LinkField = fieldVariant(
  'link',
  {
    form: { ...Identifier, description: 'The key of the linked form (same app).' },
    onDelete: Type.Optional(
      StringEnum(LINK_DELETE_POLICIES, {
        description:
          'When the linked record is deleted: restrict (refuse, default), set_null (clear the link) or cascade (delete this record too).',
      }),
    ),
    linkScope: Type.Optional(
      StringEnum(['readable', 'any'], {
        description:
          'Which records a user may link to: readable (default) — only records in their read scope of the linked form (others are refused like a missing record); any — every live record of it (e.g. a service ticket filed against any customer). Rules and flows acting as the system may link any live record.',
      }),
    ),
  },
  'A link to one record of another form.',
);

/** The linked record's title both ways (resolved to an id by the importer). */
const linkCell: CellCodec<FieldOfType<'link'>> = {
  read: (f, _cell, text, ctx) => ctx.refs.link(f.form, text),
  write: (f, value, ctx) => ctx.linkTitle(f.form, value),
};

export const linkFieldType: FieldTypeSpec<'link'> = {
  type: 'link',
  label: { en: 'Link', 'zh-CN': '关联记录' },
  settings: LinkField,
  inLineItems: true,
  computed: false,
  indexable: true,
  column: () => ({ kind: 'uuid' }),
  value: () => ({ type: 'string', format: 'uuid' }),
  kind: () => 'text',
  aggregations: () => ['count_distinct'],
  cell: linkCell,
  display: () => ({ format: 'link', align: 'left' }),
};
