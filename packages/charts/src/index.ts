/**
 * @tessera/charts — pure functions from a report result and a chart spec to ECharts option
 * objects (bar, stacked bar, line, area, pie, funnel, gauge), a KPI card with its comparison,
 * a table and a pivot table. No Node dependencies: the web app and the server share it.
 */
export { type CategoryChartType, categoryChart } from './category-chart.builder';
export { type RenderOptions, renderChart } from './chart.renderer';
export {
  type ChartColumn,
  type ChartData,
  ChartError,
  type ChartRender,
  type ChartSpec,
  type DataPoint,
  type EChartsOption,
  type KpiCard,
  labeller,
  labelOf,
  type PivotHeader,
  type PivotTable,
  type TableView,
  TOTAL_LABEL,
} from './chart-data';
export { gaugeChart } from './gauge-chart.builder';
export { kpiCard } from './kpi-card.builder';
export { sliceChart } from './pie-chart.builder';
export { type PivotLayout, pivotTable, tableView } from './table.builder';
