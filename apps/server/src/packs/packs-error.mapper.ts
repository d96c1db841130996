import { type PackError, PackInstallError } from '@tessera/packs';
import { ApiError, type FieldError } from '../errors/api-error';
import { assertNever, engineCallWith } from '../errors/engine-call';

/** A pack error as a problem's field error: the file and the JSON pointer inside it, the line when known. */
export function packFieldError(e: PackError): FieldError {
  const where =
    e.line === undefined ? '' : ` (line ${e.line}${e.column === undefined ? '' : `, column ${e.column}`})`;
  return { path: `${e.file}${e.path}`, message: `${e.message}${where}` };
}

/**
 * PackInstallError as an HTTP problem: what the uploader must fix → 400 with every error by path;
 * the installed state moved on since the plan → 409 STALE_VERSION; what the installed data or
 * packs refuse → 409 CONFLICT; an app that does not exist → 404.
 */
export function toApiError(error: unknown): unknown {
  if (!(error instanceof PackInstallError)) return error;
  switch (error.code) {
    case 'invalid_pack':
    case 'invalid_archive':
    case 'dependency_cycle':
    case 'engine_refused':
    case 'not_empty':
      return ApiError.validation(error.errors, error.message);
    case 'stale_plan':
      return new ApiError(409, 'STALE_VERSION', error.message, error.errors);
    case 'plan_mismatch':
    case 'form_refused':
    case 'unmet_requirement':
      return new ApiError(409, 'CONFLICT', error.message, error.errors);
    case 'app_not_found':
      return ApiError.notFound(error.message);
    default:
      return assertNever(error.code);
  }
}

/** Runs a route body, translating the engine's errors. */
export const packCall = engineCallWith(toApiError);
