import { FilesError } from '@tessera/files';
import { ApiError } from '../errors/api-error';
import { assertNever, engineCallWith } from '../errors/engine-call';
import { toApiError as formsApiError } from '../forms/forms-error.mapper';

/** Upload refusals by their own codes: too large → 413, a refused or spoofed type → 415, empty → 400. */
export function toApiError(error: unknown): unknown {
  if (error instanceof FilesError) {
    switch (error.code) {
      case 'FILE_TOO_LARGE':
        return new ApiError(413, 'FILE_TOO_LARGE', error.message);
      case 'FILE_TYPE_NOT_ALLOWED':
        return new ApiError(415, 'FILE_TYPE_NOT_ALLOWED', error.message);
      case 'FILE_TYPE_MISMATCH':
        return new ApiError(415, 'FILE_TYPE_MISMATCH', error.message);
      case 'FILE_EMPTY':
        return ApiError.validation([{ path: 'file', message: 'is empty' }], error.message);
      case 'FILE_MISSING':
        return error; // the storage lost bytes the database has: an outage, logged as a 500
      default:
        return assertNever(error.code);
    }
  }
  return formsApiError(error);
}

export const filesCall = engineCallWith(toApiError);
