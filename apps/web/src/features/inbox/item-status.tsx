import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '../../api/tasks.api';

/** Statuses as colours people read at a glance; unknown statuses fall back to a plain tag. */
const COLORS: Record<string, string> = {
  open: 'processing',
  approved: 'success',
  done: 'success',
  completed: 'success',
  rejected: 'error',
  returned: 'warning',
  transferred: 'default',
  withdrawn: 'default',
  running: 'processing',
  failed: 'error',
  cc: 'default',
  waiting: 'default',
  cancelled: 'default',
};
const KNOWN = new Set(Object.keys(COLORS));

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status] ?? 'default'} bordered={false} style={{ marginInlineEnd: 0 }}>
      {KNOWN.has(status) ? t(`inbox:status.${status}`) : status}
    </Tag>
  );
}

/** What an item's tag says: a task's own status, else where its request stands (outcome first). */
export function itemStatus(item: InboxItem): string {
  if (item.taskId) return item.status;
  if (item.instanceStatus === 'completed' && item.outcome === 'rejected') return 'rejected';
  if (item.instanceStatus === 'completed' && item.outcome === 'approved') return 'approved';
  return item.instanceStatus;
}

/** Where a line of the inbox opens: its task, else the request's own page. */
export function itemLink(item: InboxItem): string {
  return item.taskId ? `/inbox/tasks/${item.taskId}` : `/inbox/requests/${item.instanceId}`;
}
