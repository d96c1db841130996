import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { liveFields } from '@tessera/logic/browser';
import { Button, Grid, Space, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useFormDefinition } from '../../../api/forms.queries';
import { recordsApi } from '../../../api/records.api';
import { recordTitle } from '../../../fields/shared/record-title';
import { useLabel } from '../../../i18n/use-locale';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageLoading } from '../../../shared/ui/page-loading';
import { useMe } from '../../auth/session.hooks';
import { OverviewLink } from '../../dashboards/overview/overview-link';
import { RecordFlows } from '../../inbox/record-flows';
import { PrintButton } from '../../print/print-button';
import { HistoryList } from '../detail/history-list';
import { RelatedLists } from '../detail/related-lists';
import { CreateLinkedProvider } from './create-linked.provider';
import { RecordEditor } from './record-editor';

function useLinkKeys(definition: ReturnType<typeof useFormDefinition>['data']) {
  return definition
    ? liveFields(definition.fields)
        .filter((f) => f.type === 'link')
        .map((f) => f.key)
    : [];
}

function Header({
  app,
  form,
  title,
  sub,
  children,
}: {
  app: string;
  form: string;
  title: string;
  sub?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Space align="center" style={{ marginBottom: 12 }} wrap>
      <Link to={`/apps/${app}/forms/${form}`} aria-label={t('shared:action.back')}>
        <Button type="text" icon={<ArrowLeftOutlined />} tabIndex={-1} />
      </Link>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {sub && <Typography.Text type="secondary">{sub}</Typography.Text>}
      {children}
    </Space>
  );
}

/** A new record of a form. */
export function NewRecordPage() {
  const { app = '', form = '' } = useParams();
  const { t } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const definition = useFormDefinition(app, form);
  const me = useMe();
  if (definition.isPending) return <PageLoading />;
  if (definition.isError) return <ErrorState error={definition.error} onRetry={() => definition.refetch()} />;
  return (
    <CreateLinkedProvider userId={me.data?.user.id ?? null}>
      <Header
        app={app}
        form={form}
        title={t('records:form.newTitle', { form: label(definition.data.title, form) })}
      />
      <RecordEditor
        app={app}
        form={form}
        definition={definition.data}
        record={null}
        userId={me.data?.user.id ?? null}
        onSaved={(r) => navigate(`/apps/${app}/forms/${form}/records/${r.id}`, { replace: true })}
      />
    </CreateLinkedProvider>
  );
}

/** A record: its form (editable where allowed), the records linking here, its change history. */
export function RecordPage() {
  const { app = '', form = '', id = '' } = useParams();
  const { t } = useTranslation();
  const label = useLabel();
  const screens = Grid.useBreakpoint();
  const definition = useFormDefinition(app, form);
  const links = useLinkKeys(definition.data);
  const me = useMe();
  const record = useQuery({
    queryKey: ['apps', app, 'forms', form, 'records', id, 'full'],
    queryFn: () => recordsApi.get(app, form, id, links),
    enabled: Boolean(definition.data),
  });
  if (definition.isPending || record.isPending) return <PageLoading rows={12} />;
  if (definition.isError) return <ErrorState error={definition.error} onRetry={() => definition.refetch()} />;
  if (record.isError) return <ErrorState error={record.error} onRetry={() => record.refetch()} />;
  const title = recordTitle(definition.data, record.data) || label(definition.data.title, form);
  return (
    <CreateLinkedProvider userId={me.data?.user.id ?? null}>
      <Header app={app} form={form} title={title} sub={label(definition.data.title, form)}>
        <PrintButton app={app} form={form} recordIds={[id]} recordTitle={title} />
        <OverviewLink app={app} form={form} id={id} />
      </Header>
      <Tabs
        tabPosition="top"
        size={screens.md ? 'middle' : 'small'}
        items={[
          {
            key: 'details',
            label: t('records:detail.details'),
            children: (
              <RecordEditor
                key={`${record.data.id}@${record.data.version}`}
                app={app}
                form={form}
                definition={definition.data}
                record={record.data}
                userId={me.data?.user.id ?? null}
                onSaved={() => void record.refetch()}
              />
            ),
          },
          {
            key: 'related',
            label: t('records:detail.related'),
            children: <RelatedLists app={app} form={form} recordId={id} />,
          },
          {
            key: 'flows',
            label: t('records:detail.flows'),
            children: <RecordFlows app={app} form={form} recordId={id} />,
          },
          {
            key: 'history',
            label: t('records:detail.history'),
            children: (
              <HistoryList
                app={app}
                form={form}
                recordId={id}
                definition={definition.data}
                version={record.data.version}
              />
            ),
          },
        ]}
      />
    </CreateLinkedProvider>
  );
}
