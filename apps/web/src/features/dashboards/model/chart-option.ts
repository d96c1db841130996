import { type ChartRender, renderChart } from '@tessera/charts';
import type { Chart, QueryModel } from '@tessera/schema';
import type { ReportResult } from '../../../api/reports.api';

export interface ChartLabels {
  /** A dimension value as shown (option labels, months…). */
  readonly dimension: (key: string) => (value: unknown) => string;
  /** A measure's label. */
  readonly measure: (key: string) => string;
}

/**
 * The chart drawn in the UI's language: @tessera/charts renders the result with every dimension
 * value named (`names`, which the builders use for axes, legends and slices while the drill-down
 * points keep the stored values), then series named by their measures' labels, not their keys.
 */
export function localizedChart(
  result: ReportResult,
  spec: Chart,
  query: QueryModel | undefined,
  labels: ChartLabels,
): ChartRender {
  const columns = result.columns.map((c) => {
    if (c.role !== 'dimension') return c;
    const label = labels.dimension(c.key);
    const names: Record<string, string> = {};
    for (const row of result.rows) {
      const v = row[c.key];
      names[String(v)] = label(v);
    }
    return { ...c, names };
  });
  const rendered = renderChart({ columns, rows: result.rows }, spec);
  if (rendered.kind !== 'echarts') return rendered;
  const measureKeys = new Set((query?.measures ?? []).map((m) => m.key));
  const rename = (name: unknown) => {
    if (typeof name !== 'string') return name;
    if (measureKeys.has(name)) return labels.measure(name);
    const split = / · ([a-z][a-z0-9_]*)$/.exec(name);
    return split && measureKeys.has(split[1]!)
      ? `${name.slice(0, split.index)} · ${labels.measure(split[1]!)}`
      : name;
  };
  const option = rendered.option as Record<string, unknown>;
  const series = (option.series as Record<string, unknown>[] | undefined)?.map((s) => ({
    ...s,
    name: rename(s.name),
    ...(Array.isArray(s.data) && s.type === 'gauge'
      ? { data: (s.data as Record<string, unknown>[]).map((d) => ({ ...d, name: rename(d.name) })) }
      : {}),
  }));
  const legend = option.legend as { data?: unknown[] } | undefined;
  return {
    kind: 'echarts',
    option: {
      ...option,
      ...(series ? { series } : {}),
      ...(legend?.data ? { legend: { ...legend, data: legend.data.map(rename) } } : {}),
    },
  };
}
