import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Grid,
  List,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailStatus } from '../../api/mail.api';
import { messageOutboxApi, type OutboxMessage } from '../../api/message-outbox.api';
import { useLocale } from '../../i18n/use-locale';
import { formatDateTime } from '../../shared/format';
import { ErrorState } from '../../shared/ui/error-state';
import { PageLoading } from '../../shared/ui/page-loading';
import { RelativeTime } from '../../shared/ui/relative-time';
import { STATUS_STYLE, STATUSES } from './outbox-status';

const KEY = ['message-outbox'] as const;
const requeueable = (m: OutboxMessage) => m.status === 'held' || m.status === 'dead';
const preview = (text: string, length = 120) => {
  const flat = text
    .replace(/[#*>`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
};

/**
 * The IM robot and SMS messages rules and flows wrote (administrators): which vendor, where to —
 * the group robot or masked numbers, never a webhook or secret — its status, attempts, last error
 * and when it went out. A held message (its messenger's variable unset) or a dead letter can be
 * re-queued once the cause is fixed; the server audits it.
 */
export function MessageOutbox() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<MailStatus | 'any'>('any');
  const messages = useQuery({
    queryKey: [...KEY, status],
    queryFn: () => messageOutboxApi.list(status === 'any' ? undefined : status),
  });
  const wide = Grid.useBreakpoint().md ?? true;
  const options: { value: MailStatus | 'any'; label: string }[] = [
    { value: 'any', label: t('outbox:any') },
    ...STATUSES.map((s) => ({ value: s, label: t(`outbox:messages.status.${s}`) })),
  ];
  return (
    <div>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('outbox:messages.scope')} />
      <Space style={{ marginBottom: 12 }} wrap>
        <span id="message-outbox-status">{t('outbox:filter')}</span>
        {wide ? (
          <Segmented
            aria-labelledby="message-outbox-status"
            value={status}
            onChange={(v) => setStatus(v as MailStatus | 'any')}
            options={options}
          />
        ) : (
          <Select
            aria-labelledby="message-outbox-status"
            value={status}
            onChange={(v) => setStatus(v)}
            options={options}
            style={{ minWidth: 180 }}
          />
        )}
      </Space>
      {messages.isPending ? (
        <PageLoading />
      ) : messages.isError ? (
        <ErrorState error={messages.error} onRetry={() => messages.refetch()} />
      ) : messages.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('outbox:messages.empty')} />
      ) : wide ? (
        <MessageTable items={messages.data.items} />
      ) : (
        <MessageCards items={messages.data.items} />
      )}
    </div>
  );
}

function useRequeue() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (item: OutboxMessage) => messageOutboxApi.requeue(item.id),
    onSuccess: () => {
      message.success(t('outbox:messages.requeued'));
      void client.invalidateQueries({ queryKey: KEY });
    },
    onError: (error) => message.error((error as Error).message),
  });
}

function RequeueButton({ item }: { item: OutboxMessage }) {
  const { t } = useTranslation();
  const requeue = useRequeue();
  if (!requeueable(item)) return null;
  return (
    <Button
      size="small"
      loading={requeue.isPending}
      aria-label={t('outbox:messages.requeueOne', { title: item.title })}
      onClick={(event) => {
        event.stopPropagation(); // the row's click expands it
        requeue.mutate(item);
      }}
    >
      {t('outbox:messages.requeue')}
    </Button>
  );
}

function StatusTag({ item }: { item: OutboxMessage }) {
  const { t } = useTranslation();
  return <Tag style={STATUS_STYLE[item.status]}>{t(`outbox:messages.status.${item.status}`)}</Tag>;
}

function Destination({ item }: { item: OutboxMessage }) {
  const { t } = useTranslation();
  return (
    <span>
      <div>{t(`outbox:messages.vendor.${item.vendor}`)}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {item.destination || '—'}
      </Typography.Text>
    </span>
  );
}

function MessageDetail({ item }: { item: OutboxMessage }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div style={{ padding: '4px 8px' }}>
      <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.6, maxWidth: 760 }}>{item.text}</div>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
        {t('outbox:messages.app', { app: item.appKey, messenger: item.messengerKey })}
      </Typography.Text>
      {item.sentAt && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
          {t('outbox:sentAt', { time: formatDateTime(item.sentAt, locale) })}
        </Typography.Text>
      )}
      {item.lastError && (
        <Typography.Text type="danger" style={{ display: 'block', marginTop: 8 }}>
          {t('outbox:lastError', { message: item.lastError })}
        </Typography.Text>
      )}
    </div>
  );
}

function MessageTable({ items }: { items: readonly OutboxMessage[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Table<OutboxMessage>
      rowKey="id"
      size="middle"
      dataSource={items as OutboxMessage[]}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      expandable={{
        expandedRowRender: (item) => <MessageDetail item={item} />,
        expandRowByClick: true,
        columnTitle: <span className="visually-hidden">{t('outbox:messages.showText')}</span>,
      }}
      columns={[
        {
          key: 'destination',
          title: t('outbox:messages.column.destination'),
          render: (_, item) => <Destination item={item} />,
          width: 200,
        },
        {
          key: 'message',
          title: t('outbox:messages.column.message'),
          render: (_, item) => (
            <div>
              <div style={{ fontWeight: 500 }}>{item.title}</div>
              <Typography.Text
                type="secondary"
                ellipsis
                style={{ fontSize: 12, display: 'block', maxWidth: 420 }}
              >
                {item.lastError ?? preview(item.text)}
              </Typography.Text>
            </div>
          ),
        },
        {
          key: 'status',
          title: t('outbox:column.status'),
          render: (_, item) => <StatusTag item={item} />,
          width: 150,
        },
        {
          key: 'attempts',
          title: t('outbox:column.attempts'),
          dataIndex: 'attempts',
          align: 'right',
          width: 90,
        },
        {
          key: 'sent',
          title: t('outbox:messages.column.sentAt'),
          render: (_, item) =>
            item.sentAt ? formatDateTime(item.sentAt, locale) : <RelativeTime value={item.createdAt} />,
          width: 160,
        },
        {
          key: 'actions',
          title: <span className="visually-hidden">{t('outbox:messages.column.actions')}</span>,
          render: (_, item) => <RequeueButton item={item} />,
          width: 130,
        },
      ]}
    />
  );
}

function MessageCards({ items }: { items: readonly OutboxMessage[] }) {
  const { t } = useTranslation();
  return (
    <List
      dataSource={items as OutboxMessage[]}
      renderItem={(item) => (
        <List.Item style={{ padding: '4px 0', border: 0 }}>
          <Card size="small" style={{ width: '100%' }} title={item.title}>
            <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
              <Destination item={item} />
              <StatusTag item={item} />
            </Space>
            <details style={{ marginTop: 8 }}>
              <summary style={{ cursor: 'pointer' }}>{preview(item.text, 80)}</summary>
              <div style={{ marginTop: 8 }}>
                <MessageDetail item={item} />
              </div>
            </details>
            <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <RelativeTime value={item.createdAt} /> · {t('outbox:column.attempts')} {item.attempts}
              </Typography.Text>
              <RequeueButton item={item} />
            </Space>
          </Card>
        </List.Item>
      )}
    />
  );
}
