import type { DashboardWidget } from '@tessera/schema';
import { Card, Empty, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WidgetView } from '../../../api/reports.api';
import { useLabel } from '../../../i18n/use-locale';
import type { DrillRequest } from '../drill/drill-request';
import type { FormLookup } from '../model/field-path.resolver';
import { useWidgetLabels } from '../model/use-widget-labels';
import { ChartWidget } from './chart-widget';
import { KpiWidget } from './kpi-widget';
import { PivotWidget, TableWidget } from './table-widget';
import { TextWidget } from './text-widget';

/** One widget of a dashboard in its card: its figures, or why it has none. */
export function WidgetCard({
  view,
  definition,
  forms,
  onDrill,
}: {
  view: WidgetView;
  definition: DashboardWidget | undefined;
  forms: FormLookup;
  onDrill: (request: DrillRequest) => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const labels = useWidgetLabels(view.query, view.result, forms);
  if (view.type === 'text')
    return (
      <div className="widget-text" data-widget={view.id}>
        <TextWidget text={definition?.type === 'text' ? definition.text : undefined} />
      </div>
    );
  const title = label(view.title, t('dashboards:widget.untitled'));
  return (
    <Card
      size="small"
      title={<span title={title}>{title}</span>}
      data-widget={view.id}
      className="widget-card"
      styles={{
        body: {
          flex: 1,
          minHeight: 0,
          // a chart fits its card; figures may scroll in a small card (and then take keyboard focus)
          overflow: view.chart?.kind === 'echarts' ? 'hidden' : 'auto',
          display: 'flex',
          flexDirection: 'column',
        },
      }}
    >
      <WidgetBody view={view} labels={labels} title={title} onDrill={onDrill} />
    </Card>
  );
}

function WidgetBody({
  view,
  labels,
  title,
  onDrill,
}: {
  view: WidgetView;
  labels: ReturnType<typeof useWidgetLabels>;
  title: string;
  onDrill: (request: DrillRequest) => void;
}) {
  const { t } = useTranslation();
  if (view.error)
    return (
      <Result
        status="warning"
        title={t('dashboards:widget.failed')}
        subTitle={view.error.code === 'QUERY_TIMEOUT' ? t('dashboards:widget.timeout') : undefined}
        style={{ padding: 8 }}
      />
    );
  const result = view.result;
  if (!result) return null;
  const kind = view.chart?.kind ?? 'table';
  const hasRows = result.rows.some((r) => !r.__grouping);
  const allEmpty =
    kind === 'kpi' &&
    result.rows.every((r) =>
      result.columns
        .filter((c) => c.role === 'measure')
        .every((c) => r[c.key] === null || r[c.key] === undefined),
    );
  if (!hasRows || allEmpty)
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t('dashboards:widget.empty')}
        style={{ margin: 'auto' }}
      />
    );
  switch (kind) {
    case 'kpi':
      return (
        <KpiWidget
          result={result}
          spec={view.spec}
          chart={view.chart}
          query={view.query}
          labels={labels}
          onDrill={onDrill}
        />
      );
    case 'echarts':
      return view.spec ? (
        <ChartWidget
          result={result}
          spec={view.spec}
          query={view.query}
          labels={labels}
          title={title}
          onDrill={onDrill}
        />
      ) : null;
    case 'pivot':
      return view.chart?.kind === 'pivot' ? <PivotWidget pivot={view.chart.pivot} labels={labels} /> : null;
    case 'table':
      return (
        <TableWidget result={result} query={view.query} labels={labels} title={title} onDrill={onDrill} />
      );
  }
}
