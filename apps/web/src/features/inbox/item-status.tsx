import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '../../api/tasks.api';
import { readableTag } from '../../fields/shared/select-options';

/** Statuses as colours people read at a glance (palette names; no colour: a plain grey tag). */
const COLORS: Record<string, string | undefined> = {
  open: 'blue',
  approved: 'green',
  done: 'green',
  completed: 'green',
  rejected: 'red',
  returned: 'orange',
  transferred: undefined,
  withdrawn: undefined,
  running: 'blue',
  failed: 'red',
  cc: undefined,
  waiting: undefined,
  cancelled: undefined,
};
const KNOWN = new Set(Object.keys(COLORS));

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  // antd's preset text colours miss 4.5:1 on their light backgrounds: a darker shade of each
  const tag = readableTag(COLORS[status]);
  return (
    <Tag {...tag} bordered={false} style={{ marginInlineEnd: 0, ...tag.style }}>
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
