import type { MessageList, MessageOut, MessageRequeued } from '@tessera/api';
import { http } from './http';
import type { MailStatus } from './mail.api';

export type MessageVendor = MessageOut['vendor'];
/** One IM robot / SMS message of the outbox. */
export type OutboxMessage = MessageOut;

export const messageOutboxApi = {
  list: (status?: MailStatus) => http.get<MessageList>('/api/message-outbox', { status, limit: 200 }),
  /** Held or dead only (admins; audited): queued again with a fresh count of attempts. */
  requeue: (id: number) => http.post<MessageRequeued>(`/api/message-outbox/${id}/requeue`),
};
