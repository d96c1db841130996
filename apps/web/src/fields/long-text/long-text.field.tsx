import type { FieldUi } from '../field-ui.types';
import { LongTextInput, TextDisplay } from '../shared/text-inputs';

/** Multi-line text (kept as typed, line breaks shown). */
export const longTextField: FieldUi = { Display: TextDisplay, Input: LongTextInput, width: 220 };
