import { describe, expect, it } from 'vitest';
import type { ReportClock, ReportPeriod } from '../../model/report-context';
import { type DateRange, resolveDateRange, todayIn } from '../date-range.resolver';

// Thursday 2026-11-26 23:30 UTC is already Friday 2026-11-27 in Shanghai.
const clock: ReportClock = { now: new Date('2026-11-26T23:30:00Z'), timeZone: 'Asia/Shanghai' };
const f = 'order_date';

const cases: [string, DateRange, ReportPeriod, string, string][] = [
  ['today (in the clock zone)', { field: f, relative: 'today' }, 'current', '2026-11-27', '2026-11-28'],
  ['yesterday', { field: f, relative: 'yesterday' }, 'current', '2026-11-26', '2026-11-27'],
  ['this week (Monday start)', { field: f, relative: 'this_week' }, 'current', '2026-11-23', '2026-11-30'],
  ['last week', { field: f, relative: 'last_week' }, 'current', '2026-11-16', '2026-11-23'],
  ['this month', { field: f, relative: 'this_month' }, 'current', '2026-11-01', '2026-12-01'],
  ['last month', { field: f, relative: 'last_month' }, 'current', '2026-10-01', '2026-11-01'],
  ['this quarter', { field: f, relative: 'this_quarter' }, 'current', '2026-10-01', '2027-01-01'],
  ['last quarter', { field: f, relative: 'last_quarter' }, 'current', '2026-07-01', '2026-10-01'],
  ['this year', { field: f, relative: 'this_year' }, 'current', '2026-01-01', '2027-01-01'],
  ['last year', { field: f, relative: 'last_year' }, 'current', '2025-01-01', '2026-01-01'],
  [
    'last 7 days (today included)',
    { field: f, relative: 'last_7_days' },
    'current',
    '2026-11-21',
    '2026-11-28',
  ],
  ['last 90 days', { field: f, relative: 'last_90_days' }, 'current', '2026-08-30', '2026-11-28'],
  ['last 3 months', { field: f, last: { amount: 3, unit: 'months' } }, 'current', '2026-08-28', '2026-11-28'],
  ['last 2 weeks', { field: f, last: { amount: 2, unit: 'weeks' } }, 'current', '2026-11-14', '2026-11-28'],
  [
    'from/to inclusive',
    { field: f, from: '2026-02-01', to: '2026-02-28' },
    'current',
    '2026-02-01',
    '2026-03-01',
  ],
  ['open-ended from', { field: f, from: '2026-02-01' }, 'current', '2026-02-01', '9999-12-31'],
  [
    'previous period of this quarter',
    { field: f, relative: 'this_quarter' },
    'previous_period',
    '2026-07-01',
    '2026-10-01',
  ],
  [
    'previous period of this month',
    { field: f, relative: 'this_month' },
    'previous_period',
    '2026-10-01',
    '2026-11-01',
  ],
  [
    'previous period of last 30 days',
    { field: f, relative: 'last_30_days' },
    'previous_period',
    '2026-09-29',
    '2026-10-29',
  ],
  [
    'previous year of this month',
    { field: f, relative: 'this_month' },
    'previous_year',
    '2025-11-01',
    '2025-12-01',
  ],
];

describe('relative date ranges resolve against the clock in its time zone', () => {
  it('takes today in the clock zone', () => {
    expect(todayIn(clock)).toBe('2026-11-27');
    expect(todayIn({ ...clock, timeZone: 'UTC' })).toBe('2026-11-26');
  });

  it.each(cases)('%s', (_name, range, period, from, to) => {
    expect(resolveDateRange(range, clock, period)).toEqual({ from, to });
  });
});
