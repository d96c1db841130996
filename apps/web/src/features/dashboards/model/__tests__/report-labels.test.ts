import type { FormDefinition, QueryModel } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { localizedChart } from '../chart-option';
import { resolveFieldPath } from '../field-path.resolver';
import { columnLabel, dimensionLabeller } from '../value-labels';

const forms: Record<string, FormDefinition> = {
  customer: {
    key: 'customer',
    title: { en: 'Customer' },
    fields: [
      { id: 'c1', key: 'name', type: 'text', label: { en: 'Name' } },
      {
        id: 'c2',
        key: 'tier',
        type: 'single_select',
        label: { en: 'Tier' },
        options: [
          { value: 'key', label: { en: 'Key account', 'zh-CN': '重点客户' } },
          { value: 'normal', label: { en: 'Normal', 'zh-CN': '普通客户' } },
        ],
      },
    ],
  } as unknown as FormDefinition,
  product: {
    key: 'product',
    title: { en: 'Product' },
    fields: [{ id: 'p1', key: 'name', type: 'text', label: { en: 'Name' } }],
  } as unknown as FormDefinition,
  sales_order: {
    key: 'sales_order',
    title: { en: 'Sales order' },
    fields: [
      { id: 'o1', key: 'customer', type: 'link', form: 'customer', label: { en: 'Customer' } },
      { id: 'o2', key: 'order_date', type: 'date', label: { en: 'Date' } },
      {
        id: 'o3',
        key: 'items',
        type: 'line_items',
        label: { en: 'Items' },
        fields: [{ id: 'i1', key: 'product', type: 'link', form: 'product', label: { en: 'Product' } }],
      },
    ],
  } as unknown as FormDefinition,
};
const lookup = (key: string) => forms[key];
const words = { empty: '(none)', yes: 'Yes', no: 'No', quarter: (y: string, q: number) => `Q${q} ${y}` };

const query: QueryModel = {
  source: 'sales_order',
  joins: [
    { as: 'line', path: 'items' },
    { as: 'prod', path: 'line.product' },
  ],
  dimensions: [
    { key: 'tier', label: { en: 'Tier', 'zh-CN': '等级' }, field: 'customer.tier' },
    { key: 'month', field: 'order_date', bucket: 'month' },
    { key: 'quarter', field: 'order_date', bucket: 'quarter' },
  ],
  measures: [{ key: 'orders', label: { en: 'Orders', 'zh-CN': '订单数' }, agg: 'count' }],
};

describe('report field paths', () => {
  it.each([
    ['order_date', 'o2'],
    ['customer.tier', 'c2'], // a link of the source, followed
    ['line.product', 'i1'], // a line-items join alias
    ['prod.name', 'p1'], // a join chained through a line item's link
    ['customer.nope', undefined],
    ['id', undefined], // system fields have no form field
  ])('%s → field %s', (path, id) => {
    expect(resolveFieldPath(query, path, lookup)?.id).toBe(id);
  });
});

describe('dimension values as people read them', () => {
  it.each([
    ['tier', 'en', 'key', 'Key account'],
    ['tier', 'zh-CN', 'normal', '普通客户'],
    ['tier', 'en', 'unknown_value', 'unknown_value'],
    ['tier', 'en', null, '(none)'],
    ['month', 'en', '2026-03-01', 'Mar 2026'],
    ['quarter', 'en', '2026-04-01', 'Q2 2026'],
  ] as const)('%s in %s: %j → %s', (key, locale, value, shown) => {
    expect(dimensionLabeller(query, key, lookup, locale, words)(value)).toBe(shown);
  });

  it('keeps the display names the server attached to user columns', () => {
    const label = dimensionLabeller({ source: 'sales_order' }, 'owner', lookup, 'en', words, {
      names: { u1: 'Li Na' },
    });
    expect(label('u1')).toBe('Li Na');
  });

  it('shows case groups by the label in the UI language, falling back to the stored value', () => {
    const aging: QueryModel = { source: 'receivable', measures: [{ key: 'n', agg: 'count' }] };
    const column = {
      valueLabels: {
        'not due': { en: 'Not due', 'zh-CN': '未到期' },
        '90+': { en: 'More than 90 days overdue' },
      },
    };
    const zh = dimensionLabeller(aging, 'aging', lookup, 'zh-CN', words, column);
    const en = dimensionLabeller(aging, 'aging', lookup, 'en', words, column);
    expect(zh('not due')).toBe('未到期');
    expect(en('not due')).toBe('Not due');
    expect(zh('90+')).toBe('More than 90 days overdue');
    expect(zh('1-30')).toBe('1-30');
  });

  it('reads case labels from the query model when the result carries none', () => {
    const segments: QueryModel = {
      source: 'customer',
      dimensions: [
        {
          key: 'segment',
          cases: [
            {
              when: { '>': [{ var: 'score' }, 1] },
              value: 'high value, low maintenance',
              label: { en: 'High value, low maintenance', 'zh-CN': '高价值低维护' },
            },
          ],
          else: 'standard',
          elseLabel: { en: 'Standard', 'zh-CN': '普通' },
        },
      ],
    };
    const zh = dimensionLabeller(segments, 'segment', lookup, 'zh-CN', words);
    expect(zh('high value, low maintenance')).toBe('高价值低维护');
    expect(zh('standard')).toBe('普通');
    expect(dimensionLabeller(segments, 'segment', lookup, 'en', words)('standard')).toBe('Standard');
  });

  it('labels measures from the query model, else by key', () => {
    expect(columnLabel(query, 'orders', 'zh-CN')).toBe('订单数');
    expect(columnLabel(query, 'nope', 'en')).toBe('nope');
  });
});

describe('charts in the UI language', () => {
  it('names categories and series while drill points keep the stored values', () => {
    const result = {
      columns: [
        { key: 'tier', role: 'dimension' as const, type: 'text' },
        { key: 'orders', role: 'measure' as const, type: 'integer' },
      ],
      rows: [
        { tier: 'key', orders: 3 },
        { tier: 'normal', orders: 5 },
      ],
    };
    const rendered = localizedChart(result, { type: 'bar', x: 'tier' }, query, {
      dimension: (key) => dimensionLabeller(query, key, lookup, 'zh-CN', words),
      measure: (key) => columnLabel(query, key, 'zh-CN'),
    });
    expect(rendered.kind).toBe('echarts');
    if (rendered.kind !== 'echarts') return;
    const option = rendered.option as {
      xAxis: { data: string[] };
      legend: { data: string[] };
      series: { name: string; data: { value: number; point: Record<string, unknown> }[] }[];
    };
    expect(option.xAxis.data).toEqual(['重点客户', '普通客户']);
    expect(option.legend.data).toEqual(['订单数']);
    expect(option.series[0]!.name).toBe('订单数');
    expect(option.series[0]!.data.map((d) => d.point)).toEqual([{ tier: 'key' }, { tier: 'normal' }]);
  });

  it('names case groups on the axis by their labels while drill points keep the stable values', () => {
    const result = {
      columns: [
        {
          key: 'aging',
          role: 'dimension' as const,
          type: 'text',
          valueLabels: { 'not due': { en: 'Not due', 'zh-CN': '未到期' } },
        },
        { key: 'n', role: 'measure' as const, type: 'integer' },
      ],
      rows: [
        { aging: 'not due', n: 3 },
        { aging: '1-30', n: 2 },
      ],
    };
    const aging: QueryModel = { source: 'receivable', measures: [{ key: 'n', agg: 'count' }] };
    const rendered = localizedChart(result, { type: 'bar', x: 'aging' }, aging, {
      dimension: (key) =>
        dimensionLabeller(
          aging,
          key,
          lookup,
          'zh-CN',
          words,
          result.columns.find((c) => c.key === key),
        ),
      measure: (key) => columnLabel(aging, key, 'zh-CN'),
    });
    if (rendered.kind !== 'echarts') throw new Error(`not echarts: ${rendered.kind}`);
    const option = rendered.option as {
      xAxis: { data: string[] };
      series: { data: { point: Record<string, unknown> }[] }[];
    };
    expect(option.xAxis.data).toEqual(['未到期', '1-30']);
    expect(option.series[0]!.data.map((d) => d.point)).toEqual([{ aging: 'not due' }, { aging: '1-30' }]);
  });
});
