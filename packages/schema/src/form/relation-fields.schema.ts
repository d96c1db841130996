import { Type } from '@sinclair/typebox';
import { Identifier, JsonLogic, StringEnum } from '../common/index';
import { fieldVariant, indexedProperty } from './field-base.schema';
import { COMPUTED_RESULT_TYPES } from './field-type.schema';

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
  },
  'A link to one record of another form.',
);

/** Aggregates a rollup can compute. */
export const ROLLUP_AGGREGATES = ['count', 'sum', 'min', 'max', 'avg'] as const;
export type RollupAggregate = (typeof ROLLUP_AGGREGATES)[number];

/**
 * An aggregate over the records of another form that link to this record (a reverse link):
 * a customer's order count, total amount, last order date. Stored in a column and kept up to date
 * by the records engine.
 */
export const RollupField = fieldVariant(
  'rollup',
  {
    source: Type.Object(
      {
        form: { ...Identifier, description: 'The form whose records link here (e.g. "order").' },
        link: { ...Identifier, description: 'The key of its link field pointing at this form.' },
      },
      { additionalProperties: false, description: 'The reverse link to aggregate over.' },
    ),
    aggregate: StringEnum(ROLLUP_AGGREGATES, { description: 'The aggregate function.' }),
    field: Type.Optional({
      ...Identifier,
      description: 'The key of the aggregated field of the source form (not needed for count).',
    }),
    filter: Type.Optional({ ...JsonLogic, description: 'Only source records matching this JSON-Logic.' }),
    resultType: Type.Optional(
      StringEnum(COMPUTED_RESULT_TYPES, {
        description: 'Type of the result. Default: integer for count, number otherwise.',
      }),
    ),
    scale: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, description: 'Digits after the point.' })),
    ...indexedProperty,
  },
  'An aggregate of linked records.',
);

/** A field of the record a link field points to, read through the link (no column of its own). */
export const LookupField = fieldVariant(
  'lookup',
  {
    link: { ...Identifier, description: 'The key of a link field of this form.' },
    field: { ...Identifier, description: 'The key of the field of the linked form to show.' },
  },
  'A field of the linked record, read through a link (computed at read, not stored).',
);
