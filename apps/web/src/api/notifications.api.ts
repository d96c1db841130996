import { http } from './http';
import type { Notification } from './pending-contracts';

export const notificationsApi = {
  list: (status: 'open' | 'done' | 'all' = 'open') =>
    http.get<Notification[]>('/api/notifications', { status, limit: 50 }),
  markDone: (id: number) => http.post<void>(`/api/notifications/${id}/done`),
};
