import { http } from './http';
import type { Label, TaskCounts } from './pending-contracts';

/** The flow actions a task offers (the node's `actions`), and the initiator's instance actions. */
export type TaskAction =
  | 'approve'
  | 'reject'
  | 'return'
  | 'transfer'
  | 'add_signer_before'
  | 'add_signer_after'
  | 'cc'
  | 'withdraw'
  | 'remind'
  | 'comment'
  | 'resubmit';

export type InboxBox = 'todo' | 'done' | 'cc' | 'started';

/** One line of a box (or of the flow monitor): a task, a copy, or a started request. */
export interface InboxItem {
  readonly taskId: string | null;
  readonly instanceId: string;
  readonly appKey: string;
  readonly flowKey: string;
  readonly formKey: string;
  readonly recordId: string | null;
  readonly nodeId: string | null;
  readonly nodeLabel: Label | null;
  readonly taskKind: string | null;
  readonly status: string;
  readonly instanceStatus: string;
  readonly outcome: string | null;
  readonly at: string;
  readonly dueAt: string | null;
  readonly initiatorId: string | null;
  readonly initiatorName: string | null;
  readonly flowTitle: Label | null;
  readonly recordTitle: string | null;
}
export interface InboxPage {
  readonly items: readonly InboxItem[];
  readonly nextCursor: string | null;
}

/** A task with its record as the node lets the assignee see it: hidden fields are left out. */
export interface TaskDetail {
  readonly task: InboxItem;
  readonly actions: readonly TaskAction[];
  readonly record: {
    readonly values: Record<string, unknown>;
    readonly access: Record<string, 'read' | 'edit'>;
  } | null;
}

export interface TimelineEntry {
  readonly at: string;
  readonly kind: string;
  readonly nodeId: string | null;
  readonly taskId: string | null;
  readonly actorId: string | null;
  readonly detail: unknown;
}
export interface FlowTimeline {
  readonly instance: {
    readonly id: string;
    readonly appKey: string;
    readonly flowKey: string;
    readonly formKey: string;
    readonly recordId: string | null;
    readonly initiatorId: string | null;
    readonly status: string;
    readonly outcome: string | null;
    readonly startedAt: string;
    readonly endedAt: string | null;
  };
  readonly tasks: readonly {
    readonly id: string;
    readonly nodeId: string;
    readonly assigneeId: string;
    readonly status: string;
    readonly createdAt: string;
    readonly completedAt: string | null;
    readonly comment: string | null;
  }[];
  readonly history: readonly TimelineEntry[];
  readonly users: Readonly<Record<string, string>>;
  readonly nodes: Readonly<Record<string, Label>>;
}

export interface ActionBody {
  readonly comment?: string;
  readonly userIds?: readonly string[];
  readonly returnTo?: string;
  readonly values?: Record<string, unknown>;
}
export interface StepResult {
  readonly instanceId: string;
  readonly status: string;
  readonly outcome: string | null;
}

export interface InstanceQuery {
  readonly app?: string;
  readonly flow?: string;
  readonly form?: string;
  readonly recordId?: string;
  readonly status?: 'running' | 'completed' | 'withdrawn' | 'failed';
  readonly limit?: number;
}

/** The flows whose every instance the user may follow (all: an administrator). */
export interface MonitoredFlows {
  readonly all: boolean;
  readonly flows: readonly { readonly app: string; readonly flow: string; readonly title: Label | null }[];
}

export const tasksApi = {
  counts: () => http.get<TaskCounts>('/api/tasks/counts'),
  list: (box: InboxBox, cursor?: string, signal?: AbortSignal) =>
    http.get<InboxPage>('/api/tasks', { box, cursor, limit: 50 }, signal),
  task: (id: string) => http.get<TaskDetail>(`/api/tasks/${id}`),
  act: (id: string, action: TaskAction, body: ActionBody = {}) =>
    http.post<StepResult>(`/api/tasks/${id}/actions/${action}`, body),
  instances: (query: InstanceQuery) =>
    http.get<{ items: readonly InboxItem[] }>('/api/flow-instances', { ...query }),
  timeline: (instanceId: string) => http.get<FlowTimeline>(`/api/flow-instances/${instanceId}`),
  withdraw: (instanceId: string, comment?: string) =>
    http.post<StepResult>(`/api/flow-instances/${instanceId}/withdraw`, comment ? { comment } : {}),
  remind: (instanceId: string) => http.post<StepResult>(`/api/flow-instances/${instanceId}/remind`),
  monitored: () => http.get<MonitoredFlows>('/api/flows/monitored'),
};
