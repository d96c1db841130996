import { ReloadOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Grid, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { InboxBox } from '../../api/tasks.api';
import { ErrorState } from '../../shared/ui/error-state';
import { PageLoading } from '../../shared/ui/page-loading';
import { useTaskCounts } from '../shell/shell.queries';
import { useInboxBox, useMonitoredFlows } from './inbox.queries';
import { InboxList } from './inbox-list';

const BOXES: readonly InboxBox[] = ['todo', 'done', 'cc', 'started'];
const isBox = (v: string | null): v is InboxBox => BOXES.includes(v as InboxBox);

/** The inbox: to-do, done, copied to me, started by me — each with its count. */
export function InboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const box = isBox(params.get('box')) ? (params.get('box') as InboxBox) : 'todo';
  const counts = useTaskCounts();
  const monitored = useMonitoredFlows();
  const screens = Grid.useBreakpoint();
  const canMonitor = Boolean(monitored.data && (monitored.data.all || monitored.data.flows.length > 0));
  return (
    <div style={{ maxWidth: 1200 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('inbox:title')}
        </Typography.Title>
        <RefreshButton box={box} />
        <div style={{ flex: 1 }} />
        {canMonitor && <Link to="/inbox/flows">{t('inbox:monitor.open')}</Link>}
      </div>
      <Card size="small" styles={{ body: { padding: screens.md ? '0 0 8px' : '0 8px 8px' } }}>
        <Tabs
          activeKey={box}
          onChange={(key) => setParams(key === 'todo' ? {} : { box: key }, { replace: true })}
          tabBarStyle={{ padding: screens.md ? '0 16px' : 0, marginBottom: 0 }}
          items={BOXES.map((b) => ({
            key: b,
            label: (
              <span>
                {t(`inbox:box.${b}`)}{' '}
                <Badge
                  count={counts.data?.[b] ?? 0}
                  showZero
                  overflowCount={999}
                  color={b === 'todo' && (counts.data?.todo ?? 0) > 0 ? '#1f4fd1' : '#5f6b7a'}
                  size="small"
                />
              </span>
            ),
            children: <BoxPanel box={b} />,
          }))}
        />
      </Card>
    </div>
  );
}

function RefreshButton({ box }: { box: InboxBox }) {
  const { t } = useTranslation();
  const query = useInboxBox(box);
  const counts = useTaskCounts();
  return (
    <Button
      type="text"
      icon={<ReloadOutlined />}
      aria-label={t('shared:action.reload')}
      loading={query.isRefetching}
      onClick={() => {
        void query.refetch();
        void counts.refetch();
      }}
    />
  );
}

function BoxPanel({ box }: { box: InboxBox }) {
  const { t } = useTranslation();
  const query = useInboxBox(box);
  if (query.isPending) return <PageLoading rows={6} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const items = query.data.pages.flatMap((p) => p.items);
  return (
    <InboxList
      items={items}
      state={box === 'todo' ? 'due' : 'status'}
      emptyText={t(`inbox:empty.${box}`)}
      initiator={box !== 'started'}
      hasMore={query.hasNextPage}
      loadingMore={query.isFetchingNextPage}
      onMore={() => void query.fetchNextPage()}
    />
  );
}
