import type { Chart, QueryModel } from '@tessera/schema';
import { lazy, Suspense, useCallback, useMemo } from 'react';
import type { ReportResult } from '../../../api/reports.api';
import { type DrillRequest, drillable } from '../drill/drill-request';
import { localizedChart } from '../model/chart-option';
import type { WidgetLabels } from '../model/use-widget-labels';
import { ChartSkeleton } from './chart-skeleton';

// echarts is big: it loads with the first chart shown, as its own chunk, never with the runtime.
const EChartsView = lazy(() => import('./echarts-view'));

/** A bar, line, pie, funnel or gauge chart; a bar, point or slice opens the records behind it. */
export function ChartWidget({
  result,
  spec,
  query,
  labels,
  title,
  onDrill,
}: {
  result: ReportResult;
  spec: Chart;
  query: QueryModel | undefined;
  labels: WidgetLabels;
  title: string;
  onDrill: (request: DrillRequest) => void;
}) {
  const rendered = useMemo(() => localizedChart(result, spec, query, labels), [result, spec, query, labels]);
  const firstMeasure = spec.y?.[0] ?? result.columns.find((c) => c.role === 'measure')?.key ?? '';
  const formatValue = useCallback((v: unknown) => labels.figure(firstMeasure, v), [labels, firstMeasure]);
  const onPoint = useMemo(
    () =>
      drillable(query)
        ? (point: Readonly<Record<string, unknown>>) => {
            const words = Object.entries(point).map(([k, v]) => labels.dimension(k)(v));
            onDrill({ query, point, title: `${title}: ${words.join(' · ')}` });
          }
        : undefined,
    [query, labels, onDrill, title],
  );
  if (rendered.kind !== 'echarts') return null;
  return (
    <Suspense fallback={<ChartSkeleton />}>
      <EChartsView
        option={rendered.option}
        label={title}
        formatValue={formatValue}
        {...(onPoint ? { onPoint } : {})}
      />
    </Suspense>
  );
}
