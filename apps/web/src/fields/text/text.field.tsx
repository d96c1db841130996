import type { FieldUi } from '../field-ui.types';
import { TextDisplay, TextInput } from '../shared/text-inputs';

/** Single-line text. */
export const textField: FieldUi = { Display: TextDisplay, Input: TextInput, width: 160 };
