import { describe, expect, it } from 'vitest';
import { renderChart } from '../chart.renderer';
import type { ChartData } from '../chart-data';

const monthly: ChartData = {
  columns: [
    { key: 'month', role: 'dimension', type: 'date' },
    { key: 'status', role: 'dimension', type: 'text' },
    { key: 'orders', role: 'measure', type: 'integer' },
    { key: 'total', role: 'measure', type: 'decimal' },
  ],
  rows: [
    { month: '2026-01-01', status: 'shipped', orders: 3, total: '300.50' },
    { month: '2026-01-01', status: 'cancelled', orders: 1, total: '20.00' },
    { month: '2026-02-01', status: 'shipped', orders: 5, total: '510.00' },
  ],
};

const single = (value: number | string | null): ChartData => ({
  columns: [{ key: 'v', role: 'measure', type: 'number' }],
  rows: [{ v: value }],
});

describe('category charts', () => {
  it('bar: categories on x, one series per measure, points carry the dimension values', () => {
    const data: ChartData = { columns: monthly.columns, rows: monthly.rows.slice(0, 2) };
    const r = renderChart(data, { type: 'bar', x: 'status', y: ['orders'] });
    expect(r.kind).toBe('echarts');
    if (r.kind !== 'echarts') return;
    expect(r.option.xAxis).toEqual({ type: 'category', data: ['shipped', 'cancelled'] });
    expect(r.option.yAxis).toEqual({ type: 'value' });
    expect(r.option.series).toEqual([
      {
        name: 'orders',
        type: 'bar',
        data: [
          { value: 3, point: { status: 'shipped' } },
          { value: 1, point: { status: 'cancelled' } },
        ],
      },
    ]);
  });

  it.each([
    ['stacked_bar', 'bar', { stack: 'total' }],
    ['line', 'line', {}],
    ['area', 'line', { stack: 'total', areaStyle: {} }],
  ] as const)('%s: one series per value of the series dimension', (type, seriesType, extra) => {
    const r = renderChart(monthly, { type, x: 'month', series: 'status', y: ['total'] });
    if (r.kind !== 'echarts') throw new Error('expected echarts');
    expect(r.option.xAxis).toEqual({ type: 'category', data: ['2026-01-01', '2026-02-01'] });
    expect(r.option.legend).toEqual({ data: ['shipped', 'cancelled'] });
    expect(r.option.series).toEqual([
      {
        name: 'shipped',
        type: seriesType,
        ...extra,
        data: [
          { value: 300.5, point: { month: '2026-01-01', status: 'shipped' } },
          { value: 510, point: { month: '2026-02-01', status: 'shipped' } },
        ],
      },
      {
        name: 'cancelled',
        type: seriesType,
        ...extra,
        data: [
          { value: 20, point: { month: '2026-01-01', status: 'cancelled' } },
          { value: null, point: { month: '2026-02-01', status: 'cancelled' } },
        ],
      },
    ]);
  });

  it('skips the subtotal rows of a pivot query and shows nulls as (empty)', () => {
    const data: ChartData = {
      columns: [
        { key: 'region', role: 'dimension', type: 'text' },
        { key: 'n', role: 'measure', type: 'integer' },
        { key: '__grouping', role: 'grouping', type: 'integer' },
      ],
      rows: [
        { region: null, n: 2, __grouping: 0 },
        { region: 'east', n: 5, __grouping: 0 },
        { region: null, n: 7, __grouping: 1 },
      ],
    };
    const r = renderChart(data, { type: 'bar' });
    if (r.kind !== 'echarts') throw new Error('expected echarts');
    expect(r.option.xAxis).toEqual({ type: 'category', data: ['(empty)', 'east'] });
  });
});

describe('slice charts and the gauge', () => {
  it.each([
    ['pie', { name: 'orders', type: 'pie', radius: ['40%', '70%'] }],
    ['funnel', { name: 'orders', type: 'funnel', sort: 'descending' }],
  ] as const)('%s: one slice per category, sized by the first measure', (type, shape) => {
    const data: ChartData = { columns: monthly.columns, rows: monthly.rows.slice(0, 2) };
    const r = renderChart(data, { type, x: 'status' });
    if (r.kind !== 'echarts') throw new Error('expected echarts');
    expect(r.option.series).toEqual([
      {
        ...shape,
        data: [
          { name: 'shipped', value: 3, point: { status: 'shipped' } },
          { name: 'cancelled', value: 1, point: { status: 'cancelled' } },
        ],
      },
    ]);
    expect(r.option.legend).toEqual({ data: ['shipped', 'cancelled'] });
  });

  it('gauge: the value between min and max (a rate defaults to 0..1)', () => {
    const r = renderChart(single(0.93), { type: 'gauge' });
    if (r.kind !== 'echarts') throw new Error('expected echarts');
    expect(r.option.series).toEqual([
      {
        type: 'gauge',
        name: 'v',
        min: 0,
        max: 1,
        progress: { show: true },
        data: [{ name: 'v', value: 0.93 }],
      },
    ]);
    const custom = renderChart(single(72), { type: 'gauge', min: 50, max: 80 });
    expect(
      custom.kind === 'echarts' && (custom.option.series as { min: number; max: number }[])[0],
    ).toMatchObject({ min: 50, max: 80 });
  });
});

describe('KPI card, table and pivot table', () => {
  it.each([
    [120, 100, { value: 120, previous: 100, change: 20, changeRatio: 0.2, trend: 'up' }, '▲ 20.0%'],
    [80, 100, { value: 80, previous: 100, change: -20, changeRatio: -0.2, trend: 'down' }, '▼ -20.0%'],
    [80, null, { value: 80, previous: null, change: null, changeRatio: null, trend: null }, undefined],
  ] as const)('KPI %s vs previous %s', (now, before, card, text) => {
    const r = renderChart(
      single(now),
      { type: 'kpi', compare: 'previous_period' },
      { previous: single(before) },
    );
    if (r.kind !== 'kpi') throw new Error('expected kpi');
    expect(r.card).toEqual(card);
    const graphic = r.option.graphic as { style: { text: string } }[];
    expect(graphic[0]?.style.text).toBe(String(now));
    expect(graphic[1]?.style.text).toBe(text);
  });

  it('table: dimension and measure columns, rows as arrays', () => {
    const r = renderChart(monthly, { type: 'table' });
    expect(r).toEqual({
      kind: 'table',
      table: {
        columns: [
          { key: 'month', type: 'date' },
          { key: 'status', type: 'text' },
          { key: 'orders', type: 'integer' },
          { key: 'total', type: 'decimal' },
        ],
        rows: [
          ['2026-01-01', 'shipped', 3, '300.50'],
          ['2026-01-01', 'cancelled', 1, '20.00'],
          ['2026-02-01', 'shipped', 5, '510.00'],
        ],
      },
    });
  });

  it('pivot: rows × columns with subtotals from the grouping bitmask, totals after their groups', () => {
    const g = (region: string | null, status: string | null, n: number, mask: number) => ({
      region,
      status,
      n,
      __grouping: mask,
    });
    const data: ChartData = {
      columns: [
        { key: 'region', role: 'dimension', type: 'text' },
        { key: 'status', role: 'dimension', type: 'text' },
        { key: 'n', role: 'measure', type: 'integer' },
        { key: '__grouping', role: 'grouping', type: 'integer' },
      ],
      rows: [
        g('east', 'open', 1, 0),
        g('east', 'paid', 2, 0),
        g('east', null, 3, 1),
        g('west', 'paid', 4, 0),
        g('west', null, 4, 1),
        g(null, 'open', 1, 2),
        g(null, 'paid', 6, 2),
        g(null, null, 7, 3),
      ],
    };
    const r = renderChart(data, { type: 'pivot' }, { pivot: { rows: ['region'], columns: ['status'] } });
    if (r.kind !== 'pivot') throw new Error('expected pivot');
    expect(r.pivot.rows.map((h) => h.labels[0])).toEqual(['east', 'west', 'Total']);
    expect(r.pivot.columns.map((h) => h.labels[0])).toEqual(['open', 'paid', 'Total']);
    expect(r.pivot.cells).toEqual([
      [[1], [2], [3]],
      [[null], [4], [4]],
      [[1], [6], [7]],
    ]);
    expect(r.pivot.rows[2]).toEqual({ labels: ['Total'], values: [null], subtotal: true });
  });

  it('refuses a spec naming a column the result does not have', () => {
    expect(() => renderChart(monthly, { type: 'bar', x: 'nope' })).toThrow(/"nope" is not a dimension/);
    expect(() => renderChart(monthly, { type: 'line', y: ['status'] })).toThrow(/"status" is not a measure/);
  });
});
