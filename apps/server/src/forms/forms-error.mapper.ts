import type { PlanRefusal } from '@tessera/forms';
import { ApiError, type FieldError } from '../errors/api-error';

export { engineCall } from '../errors/engine-call';

/** A refused publish: 409 PUBLISH_REFUSED with one error per refusal (path = the field id, when there is one). */
export function refusedPublish(refusals: readonly PlanRefusal[]): ApiError {
  const errors: FieldError[] = refusals.map((r) => ({
    path: r.fieldId ? `fields/${r.fieldId}` : '(form)',
    message: r.offending?.length
      ? `${r.reason}; offending records: ${r.offending.map((o) => `${o.id} (${o.value ?? 'null'})`).join(', ')}`
      : r.reason,
  }));
  return new ApiError('PUBLISH_REFUSED', 'The publish was refused; nothing was changed.', errors);
}
