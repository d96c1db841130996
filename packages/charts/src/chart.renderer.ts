import { categoryChart } from './category-chart.builder';
import type { ChartData, ChartRender, ChartSpec } from './chart-data';
import { gaugeChart } from './gauge-chart.builder';
import { kpiCard } from './kpi-card.builder';
import { sliceChart } from './pie-chart.builder';
import { type PivotLayout, pivotTable, tableView } from './table.builder';

export interface RenderOptions {
  /** KPI card: the same query's result over the previous period. */
  readonly previous?: ChartData;
  /** Pivot table: which dimensions go down the side and across the top (the query's pivot). */
  readonly pivot?: PivotLayout;
}

/** From a result and a chart spec to what the web app draws. Pure; throws ChartError on a bad spec. */
export function renderChart(data: ChartData, spec: ChartSpec, options: RenderOptions = {}): ChartRender {
  switch (spec.type) {
    case 'bar':
    case 'stacked_bar':
    case 'line':
    case 'area':
      return { kind: 'echarts', option: categoryChart(spec.type, data, spec) };
    case 'pie':
    case 'funnel':
      return { kind: 'echarts', option: sliceChart(spec.type, data, spec) };
    case 'gauge':
      return { kind: 'echarts', option: gaugeChart(data, spec) };
    case 'kpi':
      return { kind: 'kpi', ...kpiCard(data, spec, options.previous) };
    case 'table':
      return { kind: 'table', table: tableView(data) };
    case 'pivot':
      return { kind: 'pivot', pivot: pivotTable(data, spec, options.pivot) };
    default:
      return assertNever(spec.type);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected chart type: ${String(value)}`);
}
