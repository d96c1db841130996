import {
  type ChartData,
  type ChartSpec,
  detailRows,
  type EChartsOption,
  labeller,
  requireColumn,
  toNumber,
  xKey,
  yKeys,
} from './chart-data';

export type CategoryChartType = 'bar' | 'stacked_bar' | 'line' | 'area';

/**
 * Bar, stacked bar, line and area charts: categories from the x dimension (in result order),
 * one series per measure — or, with `series`, one per value of that dimension (and measure).
 * Each data item carries `point`: the dimension values a click drills down with.
 */
export function categoryChart(type: CategoryChartType, data: ChartData, spec: ChartSpec): EChartsOption {
  const x = xKey(data, spec);
  const ys = yKeys(data, spec);
  const split = spec.series ? requireColumn(data, spec.series, 'dimension').key : undefined;
  const rows = detailRows(data);
  const xLabel = labeller(data, x);
  const groupLabel = split ? labeller(data, split) : labeller(data, x);
  const categories: unknown[] = [];
  for (const row of rows) if (!categories.some((c) => c === row[x])) categories.push(row[x]);
  const groups: unknown[] = [];
  if (split) for (const row of rows) if (!groups.some((g) => g === row[split])) groups.push(row[split]);

  const series = (split ? groups : [undefined]).flatMap((group) =>
    ys.map((y) => {
      const name = split ? (ys.length > 1 ? `${groupLabel(group)} · ${y}` : groupLabel(group)) : y;
      const values = categories.map((category) => {
        const row = rows.find((r) => r[x] === category && (!split || r[split] === group));
        const point = split ? { [x]: category, [split]: group } : { [x]: category };
        return { value: row ? toNumber(row[y]) : null, point };
      });
      return {
        name,
        type: type === 'bar' || type === 'stacked_bar' ? 'bar' : 'line',
        data: values,
        ...(type === 'stacked_bar' || (type === 'area' && split) ? { stack: 'total' } : {}),
        ...(type === 'area' ? { areaStyle: {} } : {}),
      };
    }),
  );
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: series.map((s) => s.name) },
    xAxis: { type: 'category', data: categories.map(xLabel) },
    yAxis: { type: 'value' },
    series,
    ...(spec.options ?? {}),
  };
}
