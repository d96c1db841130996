import { Card, Grid, Result, Segmented, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstanceQuery } from '../../api/tasks.api';
import { useLabel } from '../../i18n/use-locale';
import { ErrorState } from '../../shared/ui/error-state';
import { PageLoading } from '../../shared/ui/page-loading';
import { useInstances, useMonitoredFlows } from './inbox.queries';
import { InboxList } from './inbox-list';

type Status = NonNullable<InstanceQuery['status']>;
const STATUSES: readonly Status[] = ['running', 'completed', 'withdrawn', 'failed'];

/** The manager's view (R12): every request of the flows they monitor, where each one stands. */
export function FlowMonitorPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const monitored = useMonitoredFlows();
  const screens = Grid.useBreakpoint();
  const [status, setStatus] = useState<Status>('running');
  const [flow, setFlow] = useState<string>('');
  const allowed = Boolean(monitored.data && (monitored.data.all || monitored.data.flows.length > 0));
  const [app, flowKey] = flow ? flow.split('/') : [undefined, undefined];
  const instances = useInstances(
    { status, limit: 200, ...(app ? { app } : {}), ...(flowKey ? { flow: flowKey } : {}) },
    allowed,
  );
  if (monitored.isPending) return <PageLoading />;
  if (monitored.isError) return <ErrorState error={monitored.error} onRetry={() => monitored.refetch()} />;
  if (!allowed) return <Result status="403" title={t('inbox:monitor.notAllowed')} />;
  const follows = (i: { appKey: string; flowKey: string }) =>
    monitored.data.all || monitored.data.flows.some((f) => f.app === i.appKey && f.flow === i.flowKey);
  return (
    <div style={{ maxWidth: 1200 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0, marginInlineEnd: 8 }}>
          {t('inbox:monitor.title')}
        </Typography.Title>
        <div style={{ flex: 1 }} />
        <Select
          aria-label={t('inbox:monitor.flow')}
          value={flow}
          onChange={setFlow}
          style={{ minWidth: 220, maxWidth: '100%' }}
          options={[
            { value: '', label: t('inbox:monitor.allFlows') },
            ...monitored.data.flows.map((f) => ({
              value: `${f.app}/${f.flow}`,
              label: label(f.title, t('inbox:timeline.flow')),
            })),
          ]}
        />
        <Segmented<Status>
          aria-label={t('inbox:monitor.status')}
          value={status}
          onChange={setStatus}
          options={STATUSES.map((s) => ({ value: s, label: t(`inbox:status.${s}`) }))}
        />
      </div>
      <Card size="small" styles={{ body: { padding: screens.md ? 0 : 8 } }}>
        {instances.isPending ? (
          <PageLoading rows={6} />
        ) : instances.isError ? (
          <ErrorState error={instances.error} onRetry={() => instances.refetch()} />
        ) : (
          <InboxList
            state="flow"
            items={instances.data.items.filter(follows)}
            emptyText={t('inbox:monitor.empty')}
          />
        )}
      </Card>
    </div>
  );
}
