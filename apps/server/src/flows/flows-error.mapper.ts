import { FlowError } from '@tessera/flows';
import { ApiError } from '../errors/api-error';

/** Runs a flow service call, turning the flow engine's errors into problem+json answers. */
export async function withFlowErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof FlowError)) throw error;
    switch (error.category) {
      case 'not_found':
        throw ApiError.notFound(error.message);
      case 'forbidden':
        throw ApiError.forbidden(error.message);
      case 'conflict':
        throw new ApiError(409, 'CONFLICT', error.message, [{ path: '', message: error.code }]);
      case 'invalid':
        throw ApiError.validation(
          error.errors.length ? error.errors : [{ path: '', message: error.message }],
          error.message,
        );
      default: {
        const never: never = error.category;
        throw new Error(`unknown category ${String(never)}`);
      }
    }
  }
}
