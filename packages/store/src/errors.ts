/** Infrastructure errors of the store, with stable codes the server maps to one-line messages. */
export type StoreErrorCode = 'DATABASE_UNREACHABLE' | 'DATA_DIR_LOCKED' | 'MIGRATION_FAILED';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}
