import { FormsError, type PlanRefusal, RecordsError } from '@tessera/forms';
import { LogicValidationError } from '@tessera/logic';
import { ApiError, type FieldError } from '../errors/api-error';
import { assertNever, engineCallWith } from '../errors/engine-call';

/**
 * The engines' typed errors as HTTP problems: invalid input → 400 with every field error, unknown
 * app/form/record/version → 404, a stale version → 409 STALE_VERSION, a state conflict → 409.
 * Anything else is rethrown (a bug or an outage: 500, logged).
 */
export function toApiError(error: unknown): unknown {
  if (error instanceof RecordsError) {
    switch (error.code) {
      case 'RECORD_INVALID':
        return ApiError.validation(error.errors, error.message);
      case 'INVALID_QUERY':
        return ApiError.validation(error.errors, error.message);
      case 'RECORD_NOT_FOUND':
      case 'FORM_NOT_PUBLISHED':
        return ApiError.notFound(error.message);
      case 'STALE_VERSION':
        return new ApiError(409, 'STALE_VERSION', error.message, error.errors);
      case 'ACCESS_DENIED':
        return new ApiError(403, 'FORBIDDEN', error.message, error.errors);
      case 'RECORD_IN_USE':
        return new ApiError(409, 'RECORD_IN_USE', error.message);
      default:
        return assertNever(error.code);
    }
  }
  if (error instanceof FormsError) {
    switch (error.code) {
      case 'form_not_found':
      case 'version_not_found':
      case 'field_not_found':
        return ApiError.notFound(error.message);
      case 'invalid_form_definition':
      case 'invalid_identifier':
        return ApiError.validation([], error.message);
      case 'version_not_draft':
      case 'publish_refused':
      case 'publish_conflict':
      case 'field_not_deleted':
        return new ApiError(409, 'CONFLICT', error.message);
      default:
        return assertNever(error.code);
    }
  }
  if (error instanceof LogicValidationError) {
    return ApiError.validation(
      error.errors.map((e) => ({ path: e.path || '(expression)', message: e.message })),
    );
  }
  return error;
}

/** Runs a route body, translating the engine's errors. */
export const engineCall = engineCallWith(toApiError);

/** A refused publish: 409 with one error per refusal (path = the field id, when there is one). */
export function refusedPublish(refusals: readonly PlanRefusal[]): ApiError {
  const errors: FieldError[] = refusals.map((r) => ({
    path: r.fieldId ? `fields/${r.fieldId}` : '(form)',
    message: r.offending?.length
      ? `${r.reason}; offending records: ${r.offending.map((o) => `${o.id} (${o.value ?? 'null'})`).join(', ')}`
      : r.reason,
  }));
  return new ApiError(409, 'CONFLICT', 'The publish was refused; nothing was changed.', errors);
}
