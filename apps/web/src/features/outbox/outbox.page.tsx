import { useQuery } from '@tanstack/react-query';
import type { MailOut } from '@tessera/api';
import { Alert, Card, Empty, Grid, List, Segmented, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type MailStatus, mailApi } from '../../api/mail.api';
import { useLocale } from '../../i18n/use-locale';
import { formatDateTime } from '../../shared/format';
import { ErrorState } from '../../shared/ui/error-state';
import { PageLoading } from '../../shared/ui/page-loading';
import { RelativeTime } from '../../shared/ui/relative-time';
import { useMe } from '../auth/session.hooks';
import { mailPreview, mailText } from './mail-text';
import { MessageOutbox } from './message-outbox.tab';
import { STATUS_STYLE, STATUSES } from './outbox-status';

type Tab = 'mail' | 'messages';

/**
 * The outbox. E-mail: where it lands when no SMTP server is configured (the embedded default), and
 * what was sent or failed — administrators see every mail, others the mail to their address.
 * Administrators also get the IM robot and SMS messages of rules and flows (`?tab=messages`).
 */
export function OutboxPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const admin = me.data?.user.isAdmin ?? false;
  const tab: Tab = admin && params.get('tab') === 'messages' ? 'messages' : 'mail';
  const screens = Grid.useBreakpoint();
  return (
    // as the inbox: the title on its own line, the tabs and their content in one card under it
    <div style={{ maxWidth: 1200 }}>
      <Typography.Title level={4} style={{ margin: '0 0 8px' }}>
        {t('outbox:title')}
      </Typography.Title>
      <Card size="small" styles={{ body: { padding: screens.md ? '0 16px 16px' : '0 8px 8px' } }}>
        {admin ? (
          <Tabs
            activeKey={tab}
            onChange={(key) => setParams(key === 'messages' ? { tab: key } : {}, { replace: true })}
            tabBarStyle={{ marginBottom: 12 }}
            items={[
              { key: 'mail', label: t('outbox:tab.mail'), children: <MailOutbox /> },
              { key: 'messages', label: t('outbox:tab.messages'), children: <MessageOutbox /> },
            ]}
          />
        ) : (
          <div style={{ paddingTop: 12 }}>
            <MailOutbox />
          </div>
        )}
      </Card>
    </div>
  );
}

function MailOutbox() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<MailStatus | 'any'>('any');
  const outbox = useQuery({
    queryKey: ['mail-outbox', status],
    queryFn: () => mailApi.outbox(status === 'any' ? undefined : status),
  });
  const wide = Grid.useBreakpoint().md ?? true;
  const statusOptions: { value: MailStatus | 'any'; label: string }[] = [
    { value: 'any', label: t('outbox:any') },
    ...STATUSES.map((s) => ({ value: s, label: t(`outbox:status.${s}`) })),
  ];
  return (
    <div>
      {outbox.data && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t(`outbox:scope.${outbox.data.scope}`)}
        />
      )}
      <Space style={{ marginBottom: 12 }} wrap>
        <span id="outbox-status">{t('outbox:filter')}</span>
        {wide ? (
          <Segmented
            aria-labelledby="outbox-status"
            value={status}
            onChange={(v) => setStatus(v as MailStatus | 'any')}
            options={statusOptions}
          />
        ) : (
          <Select
            aria-labelledby="outbox-status"
            value={status}
            onChange={(v) => setStatus(v)}
            options={statusOptions}
            style={{ minWidth: 180 }}
          />
        )}
      </Space>
      {outbox.isPending ? (
        <PageLoading />
      ) : outbox.isError ? (
        <ErrorState error={outbox.error} onRetry={() => outbox.refetch()} />
      ) : outbox.data.items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <>
              <div>{t('outbox:empty')}</div>
              <Typography.Text type="secondary">{t('outbox:emptyHint')}</Typography.Text>
            </>
          }
        />
      ) : wide ? (
        <MailTable items={outbox.data.items} />
      ) : (
        <MailCards items={outbox.data.items} />
      )}
    </div>
  );
}

function StatusTag({ mail }: { mail: MailOut }) {
  const { t } = useTranslation();
  return <Tag style={STATUS_STYLE[mail.status]}>{t(`outbox:status.${mail.status}`)}</Tag>;
}

function Recipient({ mail }: { mail: MailOut }) {
  return (
    <span>
      {mail.toName && <div>{mail.toName}</div>}
      <Typography.Text
        type={mail.toName ? 'secondary' : undefined}
        style={{ fontSize: mail.toName ? 12 : undefined }}
      >
        {mail.to}
      </Typography.Text>
    </span>
  );
}

function MailBody({ mail }: { mail: MailOut }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div style={{ padding: '4px 8px' }}>
      <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.6, maxWidth: 760 }}>{mailText(mail.body)}</div>
      {mail.sentAt && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {t('outbox:sentAt', { time: formatDateTime(mail.sentAt, locale) })}
        </Typography.Text>
      )}
      {mail.lastError && (
        <Typography.Text type="danger" style={{ display: 'block', marginTop: 8 }}>
          {t('outbox:lastError', { message: mail.lastError })}
        </Typography.Text>
      )}
    </div>
  );
}

function MailTable({ items }: { items: readonly MailOut[] }) {
  const { t } = useTranslation();
  return (
    <Table<MailOut>
      rowKey="id"
      size="middle"
      dataSource={items as MailOut[]}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      expandable={{
        expandedRowRender: (mail) => <MailBody mail={mail} />,
        expandRowByClick: true,
        columnTitle: <span className="visually-hidden">{t('outbox:showBody')}</span>,
      }}
      columns={[
        {
          key: 'to',
          title: t('outbox:column.to'),
          render: (_, mail) => <Recipient mail={mail} />,
          width: 220,
        },
        {
          key: 'subject',
          title: t('outbox:column.subject'),
          render: (_, mail) => (
            <div>
              <div style={{ fontWeight: 500 }}>{mail.subject}</div>
              <Typography.Text
                type="secondary"
                ellipsis
                style={{ fontSize: 12, display: 'block', maxWidth: 520 }}
              >
                {mailPreview(mail.body)}
              </Typography.Text>
            </div>
          ),
        },
        {
          key: 'status',
          title: t('outbox:column.status'),
          render: (_, mail) => <StatusTag mail={mail} />,
          width: 140,
        },
        {
          key: 'attempts',
          title: t('outbox:column.attempts'),
          dataIndex: 'attempts',
          align: 'right',
          width: 100,
        },
        {
          key: 'time',
          title: t('outbox:column.time'),
          render: (_, mail) => <RelativeTime value={mail.createdAt} />,
          width: 130,
        },
      ]}
    />
  );
}

function MailCards({ items }: { items: readonly MailOut[] }) {
  const { t } = useTranslation();
  return (
    <List
      dataSource={items as MailOut[]}
      renderItem={(mail) => (
        <List.Item style={{ padding: '4px 0', border: 0 }}>
          <Card size="small" style={{ width: '100%' }} title={mail.subject}>
            <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
              <Recipient mail={mail} />
              <StatusTag mail={mail} />
            </Space>
            <details style={{ marginTop: 8 }}>
              <summary style={{ cursor: 'pointer' }}>{mailPreview(mail.body, 80)}</summary>
              <div style={{ marginTop: 8 }}>
                <MailBody mail={mail} />
              </div>
            </details>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
              <RelativeTime value={mail.createdAt} /> · {t('outbox:column.attempts')} {mail.attempts}
            </Typography.Text>
          </Card>
        </List.Item>
      )}
    />
  );
}
