import { ArrowLeftOutlined } from '@ant-design/icons';
import type { FormDefinition } from '@tessera/schema';
import { App, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/api-error';
import { useFormDefinition } from '../../api/forms.queries';
import { type ActionBody, type TaskAction, type TaskDetail, tasksApi } from '../../api/tasks.api';
import { useLabel, useLocale } from '../../i18n/use-locale';
import { ErrorState } from '../../shared/ui/error-state';
import { PageLoading } from '../../shared/ui/page-loading';
import { useMe } from '../auth/session.hooks';
import { changedValues } from '../records/page/api-values';
import { RecordForm } from '../records/page/record-form';
import { ActionBar } from './action-bar';
import { ActionDialog } from './action-dialog';
import { actionWording } from './action-wording';
import { FlowTimeline } from './flow-timeline';
import { useFormName } from './form-name';
import { useRefreshAfterAction, useTask, useTimeline } from './inbox.queries';
import { itemStatus, StatusTag } from './item-status';
import { RequestMeta } from './request-meta';
import { returnOptions } from './return-options';
import { taskFieldPlan } from './task-permissions';

type Values = Record<string, unknown>;

/** After these the task is no longer the user's: back to the inbox. */
const LEAVES = new Set<TaskAction>([
  'approve',
  'reject',
  'return',
  'transfer',
  'add_signer_before',
  'add_signer_after',
  'resubmit',
  'withdraw',
]);

/** A task: its record as the step lets the assignee see it, the decisions, the flow so far. */
export function TaskPage() {
  const { id = '' } = useParams();
  const task = useTask(id);
  const definition = useFormDefinition(task.data?.task.appKey, task.data?.task.formKey);
  if (task.isPending || (task.data && definition.isPending)) return <PageLoading rows={12} />;
  if (task.isError) return <ErrorState error={task.error} onRetry={() => task.refetch()} />;
  if (definition.isError) return <ErrorState error={definition.error} onRetry={() => definition.refetch()} />;
  return <TaskView key={id} detail={task.data} definition={definition.data!} />;
}

function TaskView({ detail, definition }: { detail: TaskDetail; definition: FormDefinition }) {
  const { t } = useTranslation();
  const label = useLabel();
  const locale = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe();
  const refresh = useRefreshAfterAction();
  const { task } = detail;
  const open = task.status === 'open';
  const formName = useFormName(task.appKey, task.formKey);
  const timeline = useTimeline(task.instanceId);
  const stored = useMemo(() => (detail.record?.values ?? {}) as Values, [detail.record]);
  const plan = useMemo(
    () => (detail.record ? taskFieldPlan(definition, detail.record, open) : null),
    [definition, detail.record, open],
  );
  const [values, setValues] = useState<Values>(stored);
  const [action, setAction] = useState<TaskAction | null>(null);
  const edits = () => {
    if (!plan || plan.editable.size === 0) return {};
    const changed = changedValues(definition.fields, stored, values);
    return Object.fromEntries(Object.entries(changed).filter(([k]) => plan.editable.has(k)));
  };
  const dirty = Object.keys(edits()).length > 0;

  const submit = async (chosen: TaskAction, body: ActionBody) => {
    const withValues = chosen === 'approve' || chosen === 'resubmit' || chosen === 'add_signer_after';
    const values = withValues ? edits() : {};
    try {
      if (chosen === 'withdraw') await tasksApi.withdraw(task.instanceId, body.comment);
      else if (chosen === 'remind') await tasksApi.remind(task.instanceId);
      else
        await tasksApi.act(task.taskId!, chosen, {
          ...body,
          ...(Object.keys(values).length ? { values } : {}),
        });
    } catch (error) {
      // the task moved on meanwhile: what the page shows behind the dialog follows
      if (error instanceof ApiError && error.status === 409) void refresh(task.appKey, task.formKey);
      throw error;
    }
    setAction(null);
    message.success(t(`inbox:done.${actionWording(chosen, task.taskKind)}`));
    await refresh(task.appKey, task.formKey);
    if (LEAVES.has(chosen)) navigate('/inbox', { replace: true });
  };

  const initiatorText = t('inbox:dialog.toInitiator', { name: task.initiatorName ?? '' });
  return (
    <div style={{ maxWidth: 1280 }}>
      <Space align="center" style={{ marginBottom: 4 }} wrap>
        <Link to="/inbox" aria-label={t('inbox:task.back')}>
          <ArrowLeftOutlined aria-hidden style={{ padding: 8 }} />
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {task.recordTitle ?? formName}
        </Typography.Title>
        <Typography.Text type="secondary">{formName}</Typography.Text>
        <StatusTag status={itemStatus(task)} />
      </Space>
      <RequestMeta
        lead={
          task.nodeLabel && (
            <Tag bordered={false} color="blue" style={{ marginInlineEnd: 8 }}>
              {label(task.nodeLabel)}
            </Tag>
          )
        }
        startedBy={
          task.initiatorName &&
          t('inbox:task.startedBy', { name: task.initiatorName, flow: label(task.flowTitle, '') })
        }
        at={task.at}
        record={task}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          {detail.record && plan ? (
            <RecordForm
              app={task.appKey}
              definition={definition}
              values={values}
              {...(open && plan.editable.size > 0 ? { onChange: setValues } : {})}
              permissions={plan}
              userId={me.data?.user.id ?? null}
            />
          ) : (
            <Card size="small">{t('inbox:task.noRecord')}</Card>
          )}
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('inbox:timeline.title')} styles={{ body: { paddingBottom: 0 } }}>
            <FlowTimeline instanceId={task.instanceId} />
          </Card>
        </Col>
      </Row>
      {open && (
        <ActionBar
          actions={detail.actions}
          taskKind={task.taskKind}
          onAction={setAction}
          {...(dirty
            ? {
                note: detail.actions.includes('resubmit')
                  ? t('inbox:task.editsGoWithResubmit')
                  : t('inbox:task.editsGoWithApprove'),
              }
            : {})}
        />
      )}
      <ActionDialog
        action={action}
        taskKind={task.taskKind}
        returnOptions={returnOptions(timeline.data, task.nodeId, locale, initiatorText)}
        excludeUserIds={me.data ? [me.data.user.id] : []}
        onSubmit={submit}
        onClose={() => setAction(null)}
      />
    </div>
  );
}
