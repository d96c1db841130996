import type { APPROVAL_ACTIONS } from '@tessera/schema';

export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

/** What a person asks for on a task (the HTTP body of `POST /api/tasks/:id/actions/:action`). */
export interface TaskActionInput {
  readonly action: ApprovalAction;
  readonly comment?: string;
  /** transfer / add_signer_before / add_signer_after / cc: the users (ids). */
  readonly userIds?: readonly string[];
  /** return: the node to go back to (default: the previous task node). */
  readonly returnTo?: string;
  /** approve / user-task done: field values edited at this node (only `edit` fields). */
  readonly values?: Readonly<Record<string, unknown>>;
}

/**
 * Events the core reacts to. Every event carries `at` (ISO timestamp): the core has no clock,
 * the runner stamps events with its injected clock.
 */
export type FlowEvent =
  | { readonly type: 'started'; readonly at: string; readonly initiatorId: string | null }
  | {
      readonly type: 'assignees-resolved';
      readonly at: string;
      readonly tokenId: string;
      readonly userIds: readonly string[];
    }
  | ({
      readonly type: 'task-action';
      readonly at: string;
      readonly taskId: string;
      /** null: the system (auto-approve / auto-return on a due time). */
      readonly actorId: string | null;
    } & TaskActionInput)
  | { readonly type: 'timer-fired'; readonly at: string; readonly timerId: string }
  | { readonly type: 'record-changed'; readonly at: string }
  /** The answer to `reload-record`: the step's record is now the stored one. */
  | { readonly type: 'record-reloaded'; readonly at: string; readonly tokenId: string }
  | { readonly type: 'withdrawn'; readonly at: string; readonly actorId: string; readonly comment?: string }
  | {
      readonly type: 'remind';
      readonly at: string;
      readonly actorId: string;
      /** One task, or every open task when absent. */
      readonly taskId?: string;
    };

export type FlowEventType = FlowEvent['type'];
