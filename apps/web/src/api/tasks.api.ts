import { http } from './http';
import type { TaskCounts } from './pending-contracts';

export const tasksApi = {
  counts: () => http.get<TaskCounts>('/api/tasks/counts'),
};
