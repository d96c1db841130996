import type { StepRefusalCode } from '../core/step-refusal';

export type FlowErrorCode =
  | StepRefusalCode
  | 'flow_not_found'
  | 'flow_not_published'
  | 'flow_invalid'
  | 'instance_not_found'
  | 'record_not_found'
  /** The records service refused a step's record write (an invalid value): the step rolls back. */
  | 'record_write_refused'
  /** transfer / add signer / cc to a user id that does not exist or is disabled. */
  | 'user_not_active'
  /** An inbox page cursor that this server did not hand out. */
  | 'invalid_cursor';

/** Whose fault, which decides the HTTP status: not found, a conflict with the state, or bad input. */
export type FlowErrorCategory = 'not_found' | 'conflict' | 'forbidden' | 'invalid';

const CATEGORY: Readonly<Record<FlowErrorCode, FlowErrorCategory>> = {
  flow_not_found: 'not_found',
  instance_not_found: 'not_found',
  task_not_found: 'not_found',
  record_not_found: 'not_found',
  timer_not_found: 'not_found',
  token_not_found: 'conflict',
  flow_not_published: 'conflict',
  instance_not_running: 'conflict',
  task_not_open: 'conflict',
  remind_throttled: 'conflict',
  not_assignee: 'forbidden',
  action_not_allowed: 'forbidden',
  withdraw_not_allowed: 'forbidden',
  field_not_editable: 'forbidden',
  flow_invalid: 'invalid',
  invalid_action_input: 'invalid',
  return_target_invalid: 'invalid',
  record_write_refused: 'invalid',
  invalid_cursor: 'invalid',
  user_not_active: 'invalid',
};

/** A typed error of the flow engine with a stable `code`. */
export class FlowError extends Error {
  readonly category: FlowErrorCategory;
  constructor(
    readonly code: FlowErrorCode,
    message: string,
    readonly errors: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'FlowError';
    this.category = CATEGORY[code];
  }
}
