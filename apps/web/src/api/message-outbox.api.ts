import { http } from './http';
import type { MailStatus } from './mail.api';

export type MessageVendor = 'dingtalk' | 'wecom' | 'feishu' | 'aliyun_sms';

/** One IM robot / SMS message of the outbox (apps/server notifications.routes MessageOut). */
export interface OutboxMessage {
  readonly id: number;
  readonly appKey: string;
  readonly channel: 'im' | 'sms';
  readonly messengerKey: string;
  readonly vendor: MessageVendor;
  /** The group robot (the messenger's key) or the SMS numbers masked — never a webhook or secret. */
  readonly destination: string;
  readonly title: string;
  readonly text: string;
  readonly status: MailStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly sentAt: string | null;
}

export const messageOutboxApi = {
  list: (status?: MailStatus) =>
    http.get<{ items: readonly OutboxMessage[] }>('/api/message-outbox', { status, limit: 200 }),
  /** Held or dead only (admins; audited): queued again with a fresh count of attempts. */
  requeue: (id: number) => http.post<{ id: number; status: 'queued' }>(`/api/message-outbox/${id}/requeue`),
};
