import { TesseraError } from '@tessera/schema';

/** Infrastructure errors of the store, with catalogue codes the CLI reports as one-line messages. */
export type StoreErrorCode = 'DATABASE_UNREACHABLE' | 'DATA_DIR_LOCKED' | 'MIGRATION_FAILED';

export class StoreError extends TesseraError<StoreErrorCode> {
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'StoreError';
  }
}
