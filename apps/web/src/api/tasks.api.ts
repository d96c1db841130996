import type {
  ActionBody,
  BoxQuery,
  InboxCounts,
  InboxItem,
  InboxPage,
  InstancesQuery,
  MonitoredOut,
  StepOut,
  TaskAction,
  TaskDetail,
  Timeline,
} from '@tessera/api';
import { http } from './http';

export type InboxBox = NonNullable<BoxQuery['box']>;
export type { ActionBody, InboxItem, TaskAction, TaskDetail };
export type InstanceQuery = InstancesQuery;
/** An instance's tasks and history, as the request page and the record's flows show it. */
export type FlowTimeline = Timeline;
export type TimelineEntry = Timeline['history'][number];

export const tasksApi = {
  counts: () => http.get<InboxCounts>('/api/tasks/counts'),
  list: (box: InboxBox, cursor?: string, signal?: AbortSignal) =>
    http.get<InboxPage>('/api/tasks', { box, cursor, limit: 50 }, signal),
  task: (id: string) => http.get<TaskDetail>(`/api/tasks/${id}`),
  act: (id: string, action: TaskAction, body: ActionBody = {}) =>
    http.post<StepOut>(`/api/tasks/${id}/actions/${action}`, body),
  instances: (query: InstancesQuery) =>
    http.get<{ items: readonly InboxItem[] }>('/api/flow-instances', { ...query }),
  timeline: (instanceId: string) => http.get<FlowTimeline>(`/api/flow-instances/${instanceId}`),
  withdraw: (instanceId: string, comment?: string) =>
    http.post<StepOut>(`/api/flow-instances/${instanceId}/withdraw`, comment ? { comment } : {}),
  remind: (instanceId: string) => http.post<StepOut>(`/api/flow-instances/${instanceId}/remind`),
  monitored: () => http.get<MonitoredOut>('/api/flows/monitored'),
};
