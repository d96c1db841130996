import {
  type ChartData,
  type ChartSpec,
  detailRows,
  type EChartsOption,
  toNumber,
  yKeys,
} from './chart-data';

/** A gauge of the first measure of a single-row result, between `min` (0) and `max` (100, or 1 for a rate). */
export function gaugeChart(data: ChartData, spec: ChartSpec): EChartsOption {
  const [y] = yKeys(data, spec) as [string];
  const value = toNumber(detailRows(data)[0]?.[y]);
  const max = spec.max ?? (value !== null && value <= 1 && value >= 0 ? 1 : 100);
  return {
    series: [
      {
        type: 'gauge',
        name: y,
        min: spec.min ?? 0,
        max,
        progress: { show: true },
        data: [{ name: y, value }],
      },
    ],
    ...(spec.options ?? {}),
  };
}
