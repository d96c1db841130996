import { Type } from '@sinclair/typebox';
import { StringEnum } from '../common/index';
import { fieldVariant, uniqueProperty } from '../form/field-base.schema';
import { textCell } from './cells/common-cells';
import type { FieldTypeSpec } from './field-type.spec';

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
    gaps: Type.Optional(
      StringEnum(['never', 'allowed'] as const, {
        description:
          'never (default): gap-free — a create that fails gives its number back, so creates of the form wait for each ' +
          "other's commit. allowed: numbers come from a database sequence — creates never wait; a failed create leaves a gap.",
      }),
    ),
    ...uniqueProperty,
  },
  'A generated unique number from a pattern.',
);

export const autoNumberFieldType: FieldTypeSpec<'auto_number'> = {
  type: 'auto_number',
  label: { en: 'Auto number', 'zh-CN': '流水号' },
  settings: AutoNumberField,
  inLineItems: true,
  computed: true,
  indexable: true,
  column: () => ({ kind: 'text' }),
  value: () => ({}),
  kind: () => 'text',
  cell: textCell,
  display: () => ({ format: 'code', align: 'left' }),
};
