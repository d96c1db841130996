import {
  type ChartData,
  type ChartSpec,
  detailRows,
  type EChartsOption,
  labeller,
  toNumber,
  xKey,
  yKeys,
} from './chart-data';

/** Pie and funnel: one slice per value of the x dimension, sized by the first measure. */
export function sliceChart(type: 'pie' | 'funnel', data: ChartData, spec: ChartSpec): EChartsOption {
  const x = xKey(data, spec);
  const [y] = yKeys(data, spec);
  const label = labeller(data, x);
  const items = detailRows(data).map((row) => ({
    name: label(row[x]),
    value: toNumber(row[y as string]),
    point: { [x]: row[x] },
  }));
  const series =
    type === 'pie'
      ? { name: y, type: 'pie', radius: ['40%', '70%'], data: items }
      : { name: y, type: 'funnel', sort: 'descending', data: items };
  return {
    tooltip: { trigger: 'item' },
    legend: { data: items.map((i) => i.name) },
    series: [series],
    ...(spec.options ?? {}),
  };
}
