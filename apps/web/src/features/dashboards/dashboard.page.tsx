import { Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useLabel } from '../../i18n/use-locale';
import { ErrorState } from '../../shared/ui/error-state';
import { PageLoading } from '../../shared/ui/page-loading';
import { DashboardBoard } from './dashboard-board';
import { useDashboardRun } from './dashboards.queries';
import { FilterBar } from './filters/filter-bar';
import { filterValuesFrom, withFilter } from './filters/filter-values';

/** `/apps/:app/dashboards/:key`: a dashboard, its shared filters kept in the URL. */
export function DashboardPage() {
  const { app = '', key = '' } = useParams();
  const { t } = useTranslation();
  const label = useLabel();
  const [search, setSearch] = useSearchParams();
  // The URL's values go to the server as they are; which keys are filters is known once the
  // definition arrives, and the server ignores query parameters that name no filter.
  const raw = Object.fromEntries(search.entries());
  const run = useDashboardRun(app, key, raw);
  if (run.isPending) return <PageLoading rows={10} />;
  if (run.isError && !run.data) return <ErrorState error={run.error} onRetry={() => run.refetch()} />;
  const view = run.data!;
  const filters = view.definition.filters ?? [];
  const values = filterValuesFrom(filters, search);
  return (
    <div>
      <Typography.Title level={3} style={{ margin: '0 0 12px' }}>
        {label(view.definition.title, key)}
      </Typography.Title>
      <FilterBar
        app={app}
        filters={filters}
        values={values}
        onChange={(k, v) => setSearch(withFilter(search, k, v), { replace: false })}
      />
      {run.isError && <ErrorState error={run.error} onRetry={() => run.refetch()} />}
      {view.widgets.length === 0 ? (
        <Empty description={t('dashboards:page.noWidgets')} />
      ) : (
        <DashboardBoard app={app} view={view} refreshing={run.isFetching && run.isPlaceholderData} />
      )}
    </div>
  );
}
