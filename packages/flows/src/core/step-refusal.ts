/** Why the core refused an event (the event changes nothing); a stable code for the API. */
export type StepRefusalCode =
  | 'instance_not_running'
  | 'task_not_found'
  | 'task_not_open'
  | 'not_assignee'
  | 'action_not_allowed'
  | 'invalid_action_input'
  | 'field_not_editable'
  | 'return_target_invalid'
  | 'withdraw_not_allowed'
  | 'remind_throttled'
  | 'timer_not_found'
  | 'token_not_found';

/** Thrown inside the core and turned into `{ ok: false, refusal }` by `step()`. */
export class StepRefusal extends Error {
  constructor(
    readonly code: StepRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'StepRefusal';
  }
}
