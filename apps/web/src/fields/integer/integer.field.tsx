import type { FieldUi, InputProps } from '../field-ui.types';
import { NumberDisplay, NumberInput } from '../shared/number-inputs';

/** A whole number. */
export const integerField: FieldUi = {
  Display: NumberDisplay,
  Input: (props: InputProps) => <NumberInput {...props} integer />,
  align: 'right',
  width: 100,
};
