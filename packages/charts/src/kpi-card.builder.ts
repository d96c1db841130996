import {
  type ChartData,
  type ChartSpec,
  detailRows,
  type EChartsOption,
  type KpiCard,
  toNumber,
  yKeys,
} from './chart-data';

/**
 * A KPI card: the first measure of the (single-row) result, compared with the same query over
 * the previous period (`previous`, run by the caller with `period: previous_period|previous_year`).
 * The option draws the value and the change as ECharts `graphic` text.
 */
export function kpiCard(
  data: ChartData,
  spec: ChartSpec,
  previous?: ChartData,
): { card: KpiCard; option: EChartsOption } {
  const [y] = yKeys(data, spec) as [string];
  const value = toNumber(detailRows(data)[0]?.[y]);
  const before = previous ? toNumber(detailRows(previous)[0]?.[y]) : null;
  const change = value !== null && before !== null ? value - before : null;
  const changeRatio = change !== null && before !== null && before !== 0 ? change / Math.abs(before) : null;
  const trend = change === null ? null : change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  const card: KpiCard = { value, previous: before, change, changeRatio, trend };
  const arrow = trend === 'up' ? '▲' : trend === 'down' ? '▼' : '';
  const graphic: Record<string, unknown>[] = [
    {
      type: 'text',
      left: 'center',
      top: '30%',
      style: { text: format(value), fontSize: 36, fontWeight: 'bold' },
    },
  ];
  if (changeRatio !== null) {
    graphic.push({
      type: 'text',
      left: 'center',
      top: '65%',
      style: {
        text: `${arrow} ${(changeRatio * 100).toFixed(1)}%`,
        fontSize: 16,
        fill: trend === 'down' ? '#cf1322' : '#389e0d',
      },
    });
  }
  return { card, option: { graphic, ...(spec.options ?? {}) } };
}

function format(value: number | null): string {
  if (value === null) return '–';
  return Number.isInteger(value)
    ? value.toLocaleString('en-US')
    : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
