import type { ChartRender } from '@tessera/charts';
import type { Chart, QueryModel } from '@tessera/schema';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportResult } from '../../../api/reports.api';
import { useLocale } from '../../../i18n/use-locale';
import { formatPercent } from '../../../shared/format';
import { type DrillRequest, drillable } from '../drill/drill-request';
import type { WidgetLabels } from '../model/use-widget-labels';

/**
 * KPI figures: each measure the chart names (`y`; else the labelled ones), large, with the change
 * against the previous period where the chart compares. A figure opens the records behind it.
 */
export function KpiWidget({
  result,
  spec,
  chart,
  query,
  labels,
  onDrill,
}: {
  result: ReportResult;
  spec: Chart | undefined;
  chart: ChartRender | undefined;
  query: QueryModel | undefined;
  labels: WidgetLabels;
  onDrill: (request: DrillRequest) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const row = result.rows.find((r) => !r.__grouping) ?? {};
  const measures = result.columns.filter((c) => c.role === 'measure');
  const labelled = measures.filter((m) => query?.measures?.find((q) => q.key === m.key)?.label);
  const keys = spec?.y ?? (labelled.length > 0 ? labelled : measures).map((m) => m.key);
  const card = chart?.kind === 'kpi' ? chart.card : null;
  const canDrill = drillable(query);
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: '12px 24px', alignContent: 'flex-start' }}>
      {keys.map((key, i) => {
        const title = labels.measure(key);
        const figure = labels.figure(key, row[key]);
        const change = i === 0 && card?.changeRatio !== null && card?.changeRatio !== undefined ? card : null;
        const body = (
          <>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
              {title}
            </Typography.Text>
            <span
              className="tabular"
              data-kpi={key}
              style={{ fontSize: 24, fontWeight: 600, lineHeight: 1.3 }}
            >
              {figure}
            </span>
            {change && (
              <Typography.Text
                style={{
                  display: 'block',
                  fontSize: 12,
                  color: change.trend === 'down' ? '#cf1322' : '#389e0d',
                }}
              >
                {change.trend === 'up' ? '▲' : change.trend === 'down' ? '▼' : ''}{' '}
                {t('dashboards:kpi.change', { change: formatPercent(Math.abs(change.changeRatio!), locale) })}
              </Typography.Text>
            )}
          </>
        );
        return canDrill ? (
          <button
            key={key}
            type="button"
            className="kpi-figure"
            title={t('dashboards:kpi.open')}
            onClick={() => onDrill({ query, point: {}, measure: key, title: `${title}: ${figure}` })}
          >
            {body}
          </button>
        ) : (
          <div key={key} className="kpi-figure">
            {body}
          </div>
        );
      })}
    </div>
  );
}
