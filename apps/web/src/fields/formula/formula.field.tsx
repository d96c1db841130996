import type { FieldUi } from '../field-ui.types';
import { ComputedDisplay, computedUi } from '../shared/computed-display';

/** Computed from the record by its expression (in the browser as the user types, and on save). */
export const formulaField: FieldUi = computedUi(ComputedDisplay, { align: 'right', width: 120 });
