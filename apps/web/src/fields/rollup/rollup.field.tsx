import type { FieldUi } from '../field-ui.types';
import { ComputedDisplay, computedUi } from '../shared/computed-display';

/** An aggregate over linked records (count, sum…), kept up to date by the engine. */
export const rollupField: FieldUi = computedUi(ComputedDisplay, { align: 'right', width: 120 });
