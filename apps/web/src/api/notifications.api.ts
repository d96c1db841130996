import type { NotificationList } from '@tessera/api';
import { http } from './http';

export const notificationsApi = {
  list: async (status: 'open' | 'done' | 'all' = 'open') =>
    (await http.get<NotificationList>('/api/notifications', { status, limit: 50 })).items,
  markDone: (id: number) => http.post<void>(`/api/notifications/${id}/done`),
};
