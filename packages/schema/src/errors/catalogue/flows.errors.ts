import type { ErrorEntry } from '../error-entry.js';

/** Codes of @tessera/flows: flow definitions, instances and the approval inbox. */
export const FLOWS_ERRORS = {
  FLOW_NOT_FOUND: {
    category: 'not_found',
    message: { en: 'The flow does not exist.', 'zh-CN': '流程不存在。' },
    when: 'An unknown flow key or flow version.',
  },
  FLOW_NOT_PUBLISHED: {
    category: 'conflict',
    message: { en: 'The flow is not published.', 'zh-CN': '流程尚未发布。' },
    when: 'Starting a flow that has no published version.',
  },
  INSTANCE_NOT_FOUND: {
    category: 'not_found',
    message: { en: 'The flow instance does not exist.', 'zh-CN': '流程实例不存在。' },
    when: 'An unknown flow instance id.',
  },
  INSTANCE_NOT_RUNNING: {
    category: 'conflict',
    message: { en: 'The request is no longer running.', 'zh-CN': '该申请已不在进行中。' },
    when: 'Acting on a flow instance that has completed, been rejected, withdrawn or cancelled.',
  },
  TASK_NOT_FOUND: {
    category: 'not_found',
    message: { en: 'The task does not exist.', 'zh-CN': '待办任务不存在。' },
    when: 'An unknown task id.',
  },
  TASK_NOT_OPEN: {
    category: 'conflict',
    message: {
      en: 'This task has already been handled.',
      'zh-CN': '该任务已被处理。',
    },
    when: 'Acting on a task that is already done, cancelled or transferred (someone else was faster), or reminding with no open task.',
  },
  NOT_ASSIGNEE: {
    category: 'forbidden',
    message: { en: 'This task is not yours.', 'zh-CN': '这不是您的任务。' },
    when: 'Acting on a task assigned to someone else.',
  },
  ACTION_NOT_ALLOWED: {
    category: 'forbidden',
    message: {
      en: 'This action is not offered at this step.',
      'zh-CN': '当前步骤不提供此操作。',
    },
    when: 'An approval action the node does not offer, or an initiator action (remind, resubmit) by someone else.',
  },
  INVALID_ACTION_INPUT: {
    category: 'invalid',
    message: { en: 'The action input is invalid.', 'zh-CN': '操作参数无效。' },
    when: 'An approval action without what it needs (a comment, exactly one transfer target, other users to add).',
  },
  FIELD_NOT_EDITABLE: {
    category: 'forbidden',
    message: {
      en: 'Some fields cannot be edited at this step.',
      'zh-CN': '部分字段在当前步骤不可编辑。',
    },
    when: 'An approval that changes fields the node does not make editable.',
  },
  RETURN_TARGET_INVALID: {
    category: 'invalid',
    message: {
      en: 'The request cannot be returned to that step.',
      'zh-CN': '无法退回到该步骤。',
    },
    when: 'Returning to a node that is not an earlier step of the instance.',
  },
  WITHDRAW_NOT_ALLOWED: {
    category: 'forbidden',
    message: { en: 'This request cannot be withdrawn.', 'zh-CN': '该申请不能撤回。' },
    when: 'Withdrawing by someone other than the initiator, or a flow that does not allow withdrawal.',
  },
  REMIND_THROTTLED: {
    category: 'conflict',
    message: {
      en: 'A reminder was sent recently; try again later.',
      'zh-CN': '刚刚已发送过催办，请稍后再试。',
    },
    when: 'A second reminder within an hour.',
  },
  TOKEN_NOT_FOUND: {
    category: 'conflict',
    message: {
      en: 'No step of this request is waiting for that.',
      'zh-CN': '该申请没有步骤在等待此操作。',
    },
    when: 'Adding signers or resuming a step that no longer waits (the instance moved on).',
  },
  RECORD_WRITE_REFUSED: {
    category: 'invalid',
    message: {
      en: 'A step of the flow could not write its record.',
      'zh-CN': '流程步骤无法写入记录。',
    },
    when: 'A flow step (approval edits, an update node) whose record write the records engine refuses; the step rolls back.',
  },
  USER_NOT_ACTIVE: {
    category: 'invalid',
    message: { en: 'That user does not exist or is disabled.', 'zh-CN': '该用户不存在或已停用。' },
    when: 'Transferring, adding signers or copying to a user id that does not exist or is disabled.',
  },
  INVALID_CURSOR: {
    category: 'invalid',
    message: { en: 'The page cursor is invalid.', 'zh-CN': '分页游标无效。' },
    when: 'An inbox page cursor that this server did not hand out.',
  },
} as const satisfies Record<string, ErrorEntry>;
