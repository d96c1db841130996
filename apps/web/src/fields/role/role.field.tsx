import type { FieldUi } from '../field-ui.types';
import { TextDisplay, TextInput } from '../shared/text-inputs';

/** A role, by key (role names are an admin matter; the key is what packs and flows use). */
export const roleField: FieldUi = { Display: TextDisplay, Input: TextInput, width: 130 };
