import { Card, Empty, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLabel } from '../../i18n/use-locale';
import { ErrorState } from '../../shared/ui/error-state';
import { PageLoading } from '../../shared/ui/page-loading';
import { FlowTimeline } from './flow-timeline';
import { useInstances } from './inbox.queries';
import { itemStatus, StatusTag } from './item-status';

/**
 * The flows run on one record (its detail page): each with where it stands and its timeline.
 * Whoever may read the record may follow them (the server checks).
 */
export function RecordFlows({ app, form, recordId }: { app: string; form: string; recordId: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const instances = useInstances({ app, form, recordId });
  if (instances.isPending) return <PageLoading rows={4} />;
  if (instances.isError) return <ErrorState error={instances.error} onRetry={() => instances.refetch()} />;
  if (instances.data.items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox:timeline.noFlows')} />;
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 880 }} size={12}>
      {instances.data.items.map((item) => (
        <Card
          key={item.instanceId}
          size="small"
          title={
            <Space size={8} wrap>
              <span>{label(item.flowTitle, t('inbox:timeline.flow'))}</span>
              <StatusTag status={itemStatus(item)} />
            </Space>
          }
          extra={<Link to={`/inbox/requests/${item.instanceId}`}>{t('inbox:timeline.open')}</Link>}
        >
          <FlowTimeline instanceId={item.instanceId} />
        </Card>
      ))}
    </Space>
  );
}
