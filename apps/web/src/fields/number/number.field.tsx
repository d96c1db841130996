import type { FieldUi } from '../field-ui.types';
import { NumberDisplay, NumberInput } from '../shared/number-inputs';

/** A decimal number with its scale. */
export const numberField: FieldUi = {
  Display: NumberDisplay,
  Input: NumberInput,
  align: 'right',
  width: 120,
};
