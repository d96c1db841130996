import { Type } from '@sinclair/typebox';
import { fieldVariant, indexedProperty } from '../form/field-base.schema';
import { numberCell } from './cells/common-cells';
import type { FieldTypeSpec } from './field-type.spec';

/** The largest `max` a rating may have. */
export const RATING_MAX_STARS = 10;

/**
 * A rating of 1 to `max` stars (satisfaction, priority, quality): a `smallint` with a CHECK
 * constraint. Unrated is null (0 stars is not a rating).
 */
export const RatingField = fieldVariant(
  'rating',
  {
    max: Type.Optional(
      Type.Integer({
        minimum: 3,
        maximum: RATING_MAX_STARS,
        description: 'The number of stars, i.e. the best rating (default 5; 10 for a 1–10 score).',
      }),
    ),
    ...indexedProperty,
  },
  'A rating of 1 to max stars.',
);

/** The best rating of a field (its `max`, default 5). */
export function ratingMax(field: { readonly max?: number }): number {
  return field.max ?? 5;
}

export const ratingFieldType: FieldTypeSpec<'rating'> = {
  type: 'rating',
  label: { en: 'Rating', 'zh-CN': '评分' },
  settings: RatingField,
  inLineItems: true,
  computed: false,
  indexable: true,
  column: () => ({ kind: 'smallint' }),
  value: (f) => ({ type: 'integer', minimum: 1, maximum: ratingMax(f) }),
  kind: () => 'integer',
  aggregations: () => ['avg', 'min', 'max', 'median', 'percentile', 'count_distinct'],
  cell: numberCell,
  display: () => ({ format: 'rating', align: 'left' }),
};
