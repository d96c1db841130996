import { type FieldError, TesseraError } from '@tessera/schema';
import type { StepRefusalCode } from '../core/step-refusal';

/** The catalogue codes the flow engine throws (its category, so its HTTP status, is the catalogue's). */
export type FlowErrorCode =
  | StepRefusalCode
  | 'FLOW_NOT_FOUND'
  | 'FLOW_NOT_PUBLISHED'
  | 'INSTANCE_NOT_FOUND'
  | 'RECORD_NOT_FOUND'
  /** The records service refused a step's record write (an invalid value): the step rolls back. */
  | 'RECORD_WRITE_REFUSED'
  /** transfer / add signer / cc to a user id that does not exist or is disabled. */
  | 'USER_NOT_ACTIVE'
  /** An inbox page cursor that this server did not hand out. */
  | 'INVALID_CURSOR';

/** A typed error of the flow engine with a stable `code`. */
export class FlowError extends TesseraError<FlowErrorCode> {
  constructor(code: FlowErrorCode, message: string, errors: readonly FieldError[] = []) {
    super(code, message, { errors });
    this.name = 'FlowError';
  }
}
