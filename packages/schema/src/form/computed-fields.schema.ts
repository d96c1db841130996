import { Type } from '@sinclair/typebox';
import { JsonLogic, StringEnum } from '../common/index';
import { fieldVariant, indexedProperty, uniqueProperty } from './field-base.schema';
import { COMPUTED_RESULT_TYPES } from './field-type.schema';

/**
 * Tokens of an auto-number pattern: `{YYYY}`, `{YY}`, `{MM}`, `{DD}` (date of creation) and
 * `{seq:N}` (the sequence, zero-padded to N digits). Everything else is literal text.
 */
export const AUTO_NUMBER_PATTERN =
  '^(?:[^{}]|\\{(?:YYYY|YY|MM|DD|seq:[1-9][0-9]?)\\})*\\{seq:[1-9][0-9]?\\}(?:[^{}]|\\{(?:YYYY|YY|MM|DD)\\})*$';

/** A generated, unique number such as `CUS-2026-00042` (`text` with a unique index). */
export const AutoNumberField = fieldVariant(
  'auto_number',
  {
    pattern: Type.String({
      pattern: AUTO_NUMBER_PATTERN,
      patternErrorMessage:
        'must contain exactly one {seq:N} and otherwise only text and the tokens {YYYY}, {YY}, {MM}, {DD}',
      description: 'The number pattern, e.g. "CUS-{YYYY}-{seq:5}".',
    }),
    resetEvery: Type.Optional(
      StringEnum(['never', 'year', 'month', 'day'] as const, {
        description: 'When the sequence restarts at 1 (default never).',
      }),
    ),
    ...uniqueProperty,
  },
  'A generated unique number from a pattern.',
);

/**
 * A value computed from the record (and its line items) by a JSON-Logic expression, e.g.
 * `{ "-": [{ "sum_of": [{ "var": "items" }, "amount"] }, { "var": "discount" }] }`.
 * Stored in a column of `resultType` and recomputed on every write of the record.
 */
export const FormulaField = fieldVariant(
  'formula',
  {
    expression: JsonLogic,
    resultType: StringEnum(COMPUTED_RESULT_TYPES, { description: 'The type of the computed value.' }),
    scale: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, description: 'Digits after the point.' })),
    ...indexedProperty,
  },
  'A value computed from the record.',
);
