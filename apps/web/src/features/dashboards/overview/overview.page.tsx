import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useFormDefinition } from '../../../api/forms.queries';
import { recordsApi } from '../../../api/records.api';
import { recordTitle } from '../../../fields/shared/record-title';
import { useLabel } from '../../../i18n/use-locale';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageLoading } from '../../../shared/ui/page-loading';
import { RelatedLists } from '../../records/detail/related-lists';
import { DashboardBoard } from '../dashboard-board';
import { type BoundDashboard, useBoundDashboard, useDashboardRun } from '../dashboards.queries';
import { FilterBar } from '../filters/filter-bar';
import { filterValuesFrom, withFilter } from '../filters/filter-values';
import { KnownValuesProvider } from '../model/known-values.context';

/**
 * `/apps/:app/forms/:form/records/:id/overview`: everything about one record on one page — the
 * dashboard made for its form (the ERP pack's customer 360° view: sales, operations, service,
 * segment) with its filter set to this record, then the records that link to it.
 */
export function OverviewPage() {
  const { app = '', form = '', id = '' } = useParams();
  const { t } = useTranslation();
  const label = useLabel();
  const definition = useFormDefinition(app, form);
  const record = useQuery({
    queryKey: ['apps', app, 'forms', form, 'records', id],
    queryFn: () => recordsApi.get(app, form, id),
  });
  const { pending, bound, error } = useBoundDashboard(app, form);
  if (definition.isPending || record.isPending || pending) return <PageLoading rows={12} />;
  const failed = definition.error ?? record.error ?? error;
  if (failed) return <ErrorState error={failed} onRetry={() => void record.refetch()} />;
  const title = recordTitle(definition.data, record.data) || label(definition.data?.title, form);
  const value = bound ? record.data?.[bound.filter.options.field] : undefined;
  return (
    <div>
      <Space align="center" wrap style={{ marginBottom: 12 }}>
        <Link to={`/apps/${app}/forms/${form}/records/${id}`} aria-label={t('dashboards:overview.back')}>
          <Button type="text" icon={<ArrowLeftOutlined />} tabIndex={-1} />
        </Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Text type="secondary">
          {bound ? label(bound.definition.title, bound.key) : t('dashboards:overview.title')}
        </Typography.Text>
      </Space>
      {bound && (typeof value === 'string' || typeof value === 'number') ? (
        <KnownValuesProvider value={new Set([String(value), title])}>
          <BoundBoard app={app} bound={bound} value={String(value)} />
        </KnownValuesProvider>
      ) : (
        <Empty description={t('dashboards:overview.noDashboard')} style={{ margin: '24px 0' }} />
      )}
      <Typography.Title level={4} style={{ margin: '24px 0 12px' }}>
        {t('dashboards:overview.related')}
      </Typography.Title>
      <RelatedLists app={app} form={form} recordId={id} />
    </div>
  );
}

function BoundBoard({ app, bound, value }: { app: string; bound: BoundDashboard; value: string }) {
  const [search, setSearch] = useSearchParams();
  // the record's own filter is fixed; the dashboard's other filters (a period…) stay choosable
  const others = (bound.definition.filters ?? []).filter((f) => f.key !== bound.filter.key);
  const values = { ...filterValuesFrom(others, search), [bound.filter.key]: value };
  const run = useDashboardRun(app, bound.key, values);
  if (run.isPending) return <PageLoading rows={10} />;
  if (run.isError && !run.data) return <ErrorState error={run.error} onRetry={() => run.refetch()} />;
  return (
    <>
      <FilterBar
        app={app}
        filters={others}
        values={values}
        onChange={(k, v) => setSearch(withFilter(search, k, v))}
      />
      <DashboardBoard app={app} view={run.data!} refreshing={run.isFetching && run.isPlaceholderData} />
    </>
  );
}
