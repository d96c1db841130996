import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Card, Col, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useFormDefinition } from '../../api/forms.queries';
import { recordsApi } from '../../api/records.api';
import {
  type ActionBody,
  type TaskAction,
  type FlowTimeline as Timeline,
  tasksApi,
} from '../../api/tasks.api';
import { recordTitle } from '../../fields/shared/record-title';
import { ErrorState } from '../../shared/ui/error-state';
import { PageLoading } from '../../shared/ui/page-loading';
import { useMe } from '../auth/session.hooks';
import { RecordForm } from '../records/page/record-form';
import { ActionBar } from './action-bar';
import { ActionDialog } from './action-dialog';
import { FlowTimeline } from './flow-timeline';
import { useFormName } from './form-name';
import { useRefreshAfterAction, useTimeline } from './inbox.queries';
import { StatusTag } from './item-status';
import { RequestMeta } from './request-meta';

/**
 * A request (flow instance) as its initiator, a person copied or a monitor follows it: the record
 * read-only, the timeline, and for the initiator of a running request withdraw and remind.
 */
export function RequestPage() {
  const { id = '' } = useParams();
  const timeline = useTimeline(id);
  if (timeline.isPending) return <PageLoading rows={10} />;
  if (timeline.isError) return <ErrorState error={timeline.error} onRetry={() => timeline.refetch()} />;
  return <RequestView timeline={timeline.data} />;
}

function RequestView({ timeline }: { timeline: Timeline }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const refresh = useRefreshAfterAction();
  const { instance } = timeline;
  const formName = useFormName(instance.appKey, instance.formKey);
  const definition = useFormDefinition(instance.appKey, instance.formKey);
  const record = useQuery({
    queryKey: ['apps', instance.appKey, 'forms', instance.formKey, 'records', instance.recordId, 'request'],
    queryFn: () => recordsApi.get(instance.appKey, instance.formKey, instance.recordId!),
    enabled: Boolean(instance.recordId),
    retry: false,
  });
  const [action, setAction] = useState<TaskAction | null>(null);
  const mine = me.data?.user.id === instance.initiatorId;
  const actions: TaskAction[] = mine && instance.status === 'running' ? ['remind', 'withdraw'] : [];
  const title = recordTitle(definition.data, record.data) || formName;

  const submit = async (chosen: TaskAction, body: ActionBody) => {
    if (chosen === 'withdraw') await tasksApi.withdraw(instance.id, body.comment);
    else await tasksApi.remind(instance.id);
    setAction(null);
    message.success(t(`inbox:done.${chosen}`));
    await refresh(instance.appKey, instance.formKey);
  };

  return (
    <div style={{ maxWidth: 1280 }}>
      <Space align="center" style={{ marginBottom: 4 }} wrap>
        <Link to="/inbox" aria-label={t('inbox:task.back')}>
          <ArrowLeftOutlined aria-hidden style={{ padding: 8 }} />
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Text type="secondary">{formName}</Typography.Text>
        <StatusTag status={instance.outcome === 'rejected' ? 'rejected' : instance.status} />
      </Space>
      <RequestMeta
        startedBy={t('inbox:task.startedBy', {
          name: (instance.initiatorId && timeline.users[instance.initiatorId]) || t('inbox:timeline.system'),
          flow: '',
        })}
        at={instance.startedAt}
        record={instance}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          {record.data && definition.data ? (
            <RecordForm
              app={instance.appKey}
              definition={definition.data}
              values={record.data as Record<string, unknown>}
              userId={me.data?.user.id ?? null}
            />
          ) : record.isPending && instance.recordId ? (
            <PageLoading rows={6} />
          ) : (
            <Card size="small">{t('inbox:task.noRecord')}</Card>
          )}
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('inbox:timeline.title')} styles={{ body: { paddingBottom: 0 } }}>
            <FlowTimeline instanceId={instance.id} />
          </Card>
        </Col>
      </Row>
      <ActionBar actions={actions} onAction={setAction} />
      <ActionDialog action={action} onSubmit={submit} onClose={() => setAction(null)} />
    </div>
  );
}
