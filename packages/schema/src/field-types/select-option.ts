import { Type } from '@sinclair/typebox';
import { Label } from '../common/index';

/**
 * The pattern of an option value: a code (letters, digits, `_`, `.`, `-`), shown to users through
 * its label. Option values end up in a CHECK constraint, so they are kept to safe characters.
 */
export const OPTION_VALUE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$';

/** One choice of a select field. */
export const SelectOption = Type.Object(
  {
    value: Type.String({
      pattern: OPTION_VALUE_PATTERN,
      patternErrorMessage: 'must be a code of letters, digits, "_", "." and "-" (at most 64 characters)',
      description: 'The stored value (e.g. "strategic").',
    }),
    label: Label,
    color: Type.Optional(Type.String({ description: 'A display color (e.g. "#1677ff" or "red").' })),
  },
  { additionalProperties: false, description: 'A choice: stored value, label and optional color.' },
);

/** The `options` of a select field. */
export const selectOptions = Type.Array(SelectOption, {
  minItems: 1,
  description: 'The choices, in display order.',
});
