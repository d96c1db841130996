import type { EChartsOption } from '@tessera/charts';
import { BarChart, FunnelChart, GaugeChart, LineChart, PieChart } from 'echarts/charts';
import { GraphicComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what @tessera/charts draws: this module (and echarts) is its own chunk, loaded with the first chart.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  FunnelChart,
  GaugeChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  GraphicComponent,
  CanvasRenderer,
]);

export interface EChartsViewProps {
  readonly option: EChartsOption;
  readonly label: string;
  /** A bar, point or slice clicked: its data item's `point` (dimension values) and series index. */
  readonly onPoint?: (point: Readonly<Record<string, unknown>>, seriesIndex: number) => void;
  readonly formatValue?: (value: unknown) => string;
}

/** One ECharts instance in a box that follows its container's size. */
export default function EChartsView({ option, label, onPoint, formatValue }: EChartsViewProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const handler = useRef(onPoint);
  handler.current = onPoint;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => {
      const data = params.data as { point?: Record<string, unknown> } | undefined;
      if (data?.point) handler.current?.(data.point, params.seriesIndex ?? 0);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(decorate(option, formatValue, Boolean(onPoint)), true);
  }, [option, formatValue, onPoint]);

  return (
    <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height: '100%', minHeight: 120 }} />
  );
}

/**
 * Layout that fits small cards: labels inside the grid, a scrolling legend, slices named by the
 * legend and the tooltip (outside labels do not fit a narrow card), and bars laid on their side
 * when the category names are long (product names), so each stays readable.
 */
function decorate(
  option: EChartsOption,
  formatValue: ((value: unknown) => string) | undefined,
  clickable: boolean,
): Record<string, unknown> {
  const o = option as Record<string, unknown>;
  const series = (o.series as Record<string, unknown>[] | undefined) ?? [];
  const legend = o.legend as Record<string, unknown> | undefined;
  const xAxis = o.xAxis as { data?: unknown[] } | undefined;
  const pie = series.some((s) => s.type === 'pie');
  const longNames =
    series.every((s) => s.type === 'bar') && (xAxis?.data ?? []).some((name) => String(name).length > 8);
  // a few long names (aging buckets: "More than 90 days overdue") wrap onto two lines; many
  // (a product ranking) are cut, as wrapped they would overlap
  const few = (xAxis?.data ?? []).length <= 6;
  const category = {
    ...(xAxis ?? {}),
    axisLabel: {
      hideOverlap: true,
      overflow: longNames && few ? 'break' : 'truncate',
      width: longNames && few ? 112 : 96,
    },
  };
  const value = {
    ...((o.yAxis as Record<string, unknown>) ?? {}),
    axisLabel: { formatter: (v: number) => compact(v) },
  };
  return {
    ...o,
    ...(xAxis
      ? {
          grid: { left: 8, right: 16, top: legend ? 36 : 12, bottom: 8, containLabel: true },
          ...(longNames
            ? {
                yAxis: { ...category, inverse: true },
                xAxis: {
                  ...value,
                  type: 'value',
                  splitNumber: 3,
                  axisLabel: { ...value.axisLabel, hideOverlap: true },
                },
              }
            : { xAxis: category, yAxis: value }),
        }
      : {}),
    ...(legend ? { legend: legendLayout(legend, pie) } : {}),
    tooltip: {
      ...((o.tooltip as Record<string, unknown>) ?? {}),
      confine: true,
      ...(formatValue ? { valueFormatter: formatValue } : {}),
    },
    series: series.map((s) => ({
      ...s,
      ...(clickable ? { cursor: 'pointer' } : {}),
      ...(s.type === 'pie'
        ? {
            center: ['50%', wrapsLegend(legend) ? '44%' : '58%'],
            radius: ['34%', '62%'],
            label: { show: false },
          }
        : {}),
      ...(s.type === 'funnel' ? { top: 36, label: { position: 'inside' } } : {}),
    })),
  };
}

/** A pie's few slices are all named under it (wrapping lines); else one scrolling line on top. */
const wrapsLegend = (legend: Record<string, unknown> | undefined) =>
  ((legend?.data as unknown[] | undefined) ?? []).length <= 6;

function legendLayout(legend: Record<string, unknown>, pie: boolean): Record<string, unknown> {
  return pie && wrapsLegend(legend)
    ? { ...legend, type: 'plain', bottom: 0, left: 'center' }
    : { ...legend, type: 'scroll', top: 0 };
}

/** Axis figures short, in the page's language (1.2万 / 12K). */
function compact(value: number): string {
  return new Intl.NumberFormat(document.documentElement.lang || 'en', {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value);
}
