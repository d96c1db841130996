/** Why the core refused an event (the event changes nothing); a stable code for the API. */
export type StepRefusalCode =
  | 'INSTANCE_NOT_RUNNING'
  | 'TASK_NOT_FOUND'
  | 'TASK_NOT_OPEN'
  | 'NOT_ASSIGNEE'
  | 'ACTION_NOT_ALLOWED'
  | 'INVALID_ACTION_INPUT'
  | 'FIELD_NOT_EDITABLE'
  | 'RETURN_TARGET_INVALID'
  | 'WITHDRAW_NOT_ALLOWED'
  | 'REMIND_THROTTLED'
  | 'TOKEN_NOT_FOUND';

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
