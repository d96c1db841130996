import type { MailStatus } from '../../api/mail.api';

/** Tag colours with AA contrast (antd's gold and green text on their tints do not reach 4.5:1). */
export const STATUS_STYLE: Record<MailStatus, { color: string; background: string; borderColor: string }> = {
  held: { color: '#7a4a00', background: '#fff6e0', borderColor: '#f0c36d' },
  queued: { color: '#1d4ab8', background: '#edf2ff', borderColor: '#a9c1f5' },
  sent: { color: '#1e6b2f', background: '#ecf8ee', borderColor: '#9fd4aa' },
  dead: { color: '#a8261d', background: '#fdeeed', borderColor: '#f0aaa4' },
};
export const STATUSES: readonly MailStatus[] = ['held', 'queued', 'sent', 'dead'];
