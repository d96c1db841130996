import type { QueryModel } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { applySharedFilters, type DashboardFilter, parseFilterValues } from '../shared-filter.merger';

const filters: DashboardFilter[] = [
  { key: 'period', label: { en: 'Period' }, type: 'date_range', default: 'this_quarter' },
  { key: 'tier', label: { en: 'Tier' }, type: 'select' },
  { key: 'regions', label: { en: 'Regions' }, type: 'multi_select' },
  { key: 'amount', label: { en: 'Amount' }, type: 'number_range' },
  { key: 'name', label: { en: 'Name' }, type: 'text' },
];

describe('parsing shared filter values from the query string', () => {
  it.each([
    [{}, { period: { kind: 'relative', relative: 'this_quarter' } }],
    [
      { period: '2026-01-01..2026-03-31' },
      { period: { kind: 'dates', from: '2026-01-01', to: '2026-03-31' } },
    ],
    [{ period: '..2026-03-31' }, { period: { kind: 'dates', to: '2026-03-31' } }],
    [
      { tier: "key' or 1=1" },
      { period: { kind: 'relative', relative: 'this_quarter' }, tier: { kind: 'one', value: "key' or 1=1" } },
    ],
    [
      { regions: 'east,west', period: 'last_90_days' },
      {
        period: { kind: 'relative', relative: 'last_90_days' },
        regions: { kind: 'many', values: ['east', 'west'] },
      },
    ],
    [
      { amount: '100..', period: 'today' },
      { period: { kind: 'relative', relative: 'today' }, amount: { kind: 'range', min: 100 } },
    ],
  ])('%j', (input, values) => {
    expect(parseFilterValues(filters, input)).toEqual({ ok: true, values });
  });

  it.each([
    [{ period: 'next_century' }, '/period'],
    [{ period: '2026-13-1..' }, '/period'],
    [{ amount: 'lots..' }, '/amount'],
  ])('refuses %j', (input, path) => {
    const parsed = parseFilterValues(filters, input);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors[0]?.path).toBe(path);
  });
});

describe('merging shared filters into a widget query', () => {
  const query: QueryModel = {
    source: 'sales_order',
    filter: { '!=': [{ var: 'status' }, 'cancelled'] },
    dateRange: { field: 'order_date', relative: 'this_year' },
    measures: [{ key: 'n', agg: 'count' }],
  };
  const bindings = {
    period: 'order_date',
    tier: 'customer.tier',
    regions: 'customer.region',
    amount: 'total',
    name: 'order_no',
  };

  it('replaces the date range and ANDs every other filter as JSON-Logic', () => {
    const parsed = parseFilterValues(filters, {
      period: 'last_month',
      tier: 'key',
      regions: 'east,west',
      amount: '10..20',
      name: 'SO',
    });
    if (!parsed.ok) throw new Error('parse failed');
    expect(applySharedFilters(query, filters, bindings, parsed.values)).toEqual({
      ...query,
      dateRange: { field: 'order_date', relative: 'last_month' },
      filter: {
        and: [
          { '!=': [{ var: 'status' }, 'cancelled'] },
          { '==': [{ var: 'customer.tier' }, 'key'] },
          { in: [{ var: 'customer.region' }, ['east', 'west']] },
          { '>=': [{ var: 'total' }, 10] },
          { '<=': [{ var: 'total' }, 20] },
          { contains: [{ var: 'order_no' }, 'SO'] },
        ],
      },
    });
  });

  it('leaves a widget alone for filters it does not bind', () => {
    const parsed = parseFilterValues(filters, { tier: 'key' });
    if (!parsed.ok) throw new Error('parse failed');
    expect(applySharedFilters(query, filters, { tier: 'customer.tier' }, parsed.values).dateRange).toEqual(
      query.dateRange,
    );
    expect(applySharedFilters(query, filters, undefined, parsed.values)).toBe(query);
  });
});
