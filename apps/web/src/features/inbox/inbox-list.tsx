import { ClockCircleOutlined } from '@ant-design/icons';
import { Button, Empty, Grid, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InboxItem } from '../../api/tasks.api';
import { useLabel } from '../../i18n/use-locale';
import { MUTED_TEXT } from '../../shared/ui/colors';
import { RelativeTime } from '../../shared/ui/relative-time';
import { FormName } from './form-name';
import { itemLink, itemStatus, StatusTag } from './item-status';

interface Props {
  readonly items: readonly InboxItem[];
  /** What the state column tells: when a to-do falls due, a line's status, or its flow (monitor). */
  readonly state?: StateColumn;
  readonly emptyText: string;
  /** Who started each item; off in the box of what the user started (it would be them on every line). */
  readonly initiator?: boolean;
  readonly hasMore?: boolean;
  readonly loadingMore?: boolean;
  readonly onMore?: () => void;
}

/**
 * A box as a dense, calm list: what (record title, form), where it stands (node), who started it
 * and when. On a laptop each line is one row of aligned columns; on a phone a small card.
 */
export type StateColumn = 'due' | 'status' | 'flow';

export function InboxList({
  items,
  state = 'status',
  emptyText,
  initiator = true,
  hasMore,
  loadingMore,
  onMore,
}: Props) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const wide = screens.md ?? true;
  if (items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} style={{ padding: 32 }} />;
  return (
    <div>
      <ul className={wide ? 'inbox-rows' : 'inbox-cards'} aria-label={t('inbox:list.label')}>
        {items.map((item) => (
          <li key={`${item.instanceId}/${item.taskId ?? item.at}`}>
            {wide ? (
              <Row item={item} state={state} initiator={initiator} />
            ) : (
              <Card item={item} state={state} initiator={initiator} />
            )}
          </li>
        ))}
      </ul>
      {hasMore && (
        <div style={{ textAlign: 'center', padding: 12 }}>
          <Button onClick={onMore} loading={loadingMore}>
            {t('inbox:list.more')}
          </Button>
        </div>
      )}
    </div>
  );
}

function Title({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  return (
    <Link to={itemLink(item)} className="inbox-title">
      {item.recordTitle ?? t('inbox:list.untitled')}
    </Link>
  );
}

function Due({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  if (!item.dueAt) return null;
  const overdue = dayjs(item.dueAt).isBefore(dayjs());
  return (
    <Tooltip title={t('inbox:list.dueTip')}>
      <span style={{ color: overdue ? '#cf1322' : MUTED_TEXT, whiteSpace: 'nowrap' }}>
        <ClockCircleOutlined aria-hidden /> {overdue ? t('inbox:list.overdue') : t('inbox:list.due')}{' '}
        <RelativeTime value={item.dueAt} />
      </span>
    </Tooltip>
  );
}

function State({ item, state }: { item: InboxItem; state: StateColumn }) {
  const label = useLabel();
  if (state === 'due' && item.dueAt) return <Due item={item} />;
  if (state === 'flow') return <span className="inbox-muted">{label(item.flowTitle, '')}</span>;
  return <StatusTag status={itemStatus(item)} />;
}

interface LineProps {
  readonly item: InboxItem;
  readonly state: StateColumn;
  readonly initiator: boolean;
}

function Row({ item, state, initiator }: LineProps) {
  const label = useLabel();
  return (
    <div className={initiator ? 'inbox-row' : 'inbox-row inbox-row-no-who'}>
      <div className="inbox-row-main">
        <Title item={item} />
        <span className="inbox-muted">
          <FormName app={item.appKey} form={item.formKey} />
        </span>
      </div>
      <div className="inbox-row-node">{item.nodeLabel ? label(item.nodeLabel) : ''}</div>
      {initiator && <div className="inbox-row-who">{item.initiatorName ?? ''}</div>}
      <div className="inbox-row-state">
        <State item={item} state={state} />
      </div>
      <div className="inbox-row-time inbox-muted">
        <RelativeTime value={item.at} />
      </div>
    </div>
  );
}

function Card({ item, state, initiator }: LineProps) {
  const label = useLabel();
  return (
    <div className="inbox-card">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'baseline' }}>
        <Title item={item} />
        <span className="inbox-muted" style={{ whiteSpace: 'nowrap' }}>
          <RelativeTime value={item.at} />
        </span>
      </div>
      <div className="inbox-muted">
        <FormName app={item.appKey} form={item.formKey} />
        {item.nodeLabel ? ` · ${label(item.nodeLabel)}` : ''}
      </div>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginTop: 4 }}>
        <span>{initiator ? (item.initiatorName ?? '') : ''}</span>
        <State item={item} state={state} />
      </div>
    </div>
  );
}
