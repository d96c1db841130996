import { http } from './http';

export type MailStatus = 'held' | 'queued' | 'sent' | 'dead';

/** One e-mail of the outbox (apps/server notifications.routes MailOut). */
export interface OutboxMail {
  readonly id: number;
  readonly to: string;
  readonly toName: string | null;
  readonly locale: string;
  readonly subject: string;
  readonly body: string;
  readonly status: MailStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly sentAt: string | null;
}

export interface Outbox {
  readonly items: readonly OutboxMail[];
  /** all: an administrator reads every mail; mine: the mail to the caller's own address. */
  readonly scope: 'all' | 'mine';
}

export const mailApi = {
  outbox: (status?: MailStatus) => http.get<Outbox>('/api/mail-outbox', { status, limit: 200 }),
};
