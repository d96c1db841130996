import { type Static, Type } from '@sinclair/typebox';

/**
 * One entry of a composite index: a field key, or a system column (`created_at`, `updated_at`,
 * `created_by`, `updated_by`), with a leading `-` for descending — the syntax of a list's `sort`.
 */
export const INDEX_PART_PATTERN = '^-?[a-z][a-z0-9_]{0,62}$';

/**
 * A composite index over several columns of the form's table, for a list that filters on some
 * fields and sorts by others: `{ "fields": ["status", "-amount"] }` serves "status = open, largest
 * amount first". Put the equality filters first, then the sort keys in the list's order.
 */
export const FormIndexSchema = Type.Object(
  {
    fields: Type.Array(
      Type.String({
        pattern: INDEX_PART_PATTERN,
        patternErrorMessage: 'must be a field key, optionally preceded by "-" for descending order',
        description: 'A field key (or created_at, updated_at, created_by, updated_by); "-key" = descending.',
      }),
      { minItems: 1, maxItems: 8, description: 'The indexed columns, in order.' },
    ),
  },
  {
    additionalProperties: false,
    description: 'A composite index: equality-filter fields first, then the sort keys ("-key" = descending).',
  },
);
export type FormIndexDefinition = Static<typeof FormIndexSchema>;
