import type { MailOutbox, MailStatus } from '@tessera/api';
import { http } from './http';

export type { MailStatus };

export const mailApi = {
  outbox: (status?: MailStatus) => http.get<MailOutbox>('/api/mail-outbox', { status, limit: 200 }),
};
