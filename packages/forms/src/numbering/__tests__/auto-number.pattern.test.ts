import { describe, expect, it } from 'vitest';
import { calendarDate, formatAutoNumber, periodKey, resetPeriod } from '../auto-number.pattern';

const date = { year: 2026, month: 3, day: 9 };

describe('auto-number patterns', () => {
  it.each([
    ['CUS-{YYYY}-{seq:5}', 42, 'CUS-2026-00042'],
    ['SO{YY}{MM}{DD}-{seq:3}', 7, 'SO260309-007'],
    ['{seq:2}', 123, '123'],
    ['INV/{MM}/{seq:4}', 1, 'INV/03/0001'],
  ])('%s with sequence %i renders %s', (pattern, seq, expected) => {
    expect(formatAutoNumber(pattern, date, seq)).toBe(expected);
  });

  it.each([
    ['CUS-{YYYY}-{seq:5}', undefined, 'year', '2026'],
    ['SO{YY}{MM}-{seq:3}', undefined, 'month', '2026-03'],
    ['SO{YY}{MM}{DD}-{seq:3}', undefined, 'day', '2026-03-09'],
    ['N-{seq:6}', undefined, 'never', ''],
    ['CUS-{YYYY}-{seq:5}', 'never', 'never', ''],
    ['N-{seq:6}', 'month', 'month', '2026-03'],
  ] as const)('%s (resetEvery %s) counts per %s', (pattern, resetEvery, period, key) => {
    expect(resetPeriod(pattern, resetEvery)).toBe(period);
    expect(periodKey(resetPeriod(pattern, resetEvery), date)).toBe(key);
  });

  it('takes the calendar date in the configured time zone', () => {
    const at = new Date('2026-12-31T20:00:00Z');
    expect(calendarDate(at, 'UTC')).toEqual({ year: 2026, month: 12, day: 31 });
    expect(calendarDate(at, 'Asia/Shanghai')).toEqual({ year: 2027, month: 1, day: 1 });
  });
});
