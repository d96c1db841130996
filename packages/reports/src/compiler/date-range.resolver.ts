import { localDate } from '@tessera/logic';
import type { QueryModel } from '@tessera/schema';
import type { ReportClock, ReportPeriod } from '../model/report-context';

export type DateRange = NonNullable<QueryModel['dateRange']>;

/** A half-open range of calendar dates `[from, to)`, as `YYYY-MM-DD`. */
export interface ResolvedRange {
  readonly from: string;
  readonly to: string;
}

/** The calendar date of `now` in `timeZone`. */
export function todayIn(clock: ReportClock): string {
  return localDate(clock.now, clock.timeZone);
}

/**
 * Resolves a date range against the clock's "today" (in its time zone). Relative ranges are
 * calendar periods (weeks start on Monday) or the last N days including today; `from`/`to` are
 * inclusive dates. `period` shifts the range to the one before it (same length, or the
 * previous calendar period) or to the same range a year earlier.
 */
export function resolveDateRange(
  range: DateRange,
  clock: ReportClock,
  period: ReportPeriod = 'current',
): ResolvedRange {
  const current = resolveCurrent(range, clock);
  switch (period) {
    case 'current':
      return current;
    case 'previous_year':
      return { from: addMonths(current.from, -12), to: addMonths(current.to, -12) };
    case 'previous_period': {
      const calendar = calendarUnit(range);
      if (calendar) return { from: addMonths(current.from, -calendar), to: current.from };
      const days = daysBetween(current.from, current.to);
      return { from: addDays(current.from, -days), to: current.from };
    }
  }
}

function resolveCurrent(range: DateRange, clock: ReportClock): ResolvedRange {
  const today = todayIn(clock);
  if (range.relative !== undefined) {
    switch (range.relative) {
      case 'today':
        return { from: today, to: addDays(today, 1) };
      case 'yesterday':
        return { from: addDays(today, -1), to: today };
      case 'this_week':
      case 'last_week': {
        const monday = addDays(today, -((dayOfWeek(today) + 6) % 7));
        const from = range.relative === 'this_week' ? monday : addDays(monday, -7);
        return { from, to: addDays(from, 7) };
      }
      case 'this_month':
      case 'last_month':
      case 'this_quarter':
      case 'last_quarter':
      case 'this_year':
      case 'last_year': {
        const months = calendarUnit(range) ?? 1;
        const [y, m] = split(today);
        const startMonth = Math.floor((m - 1) / months) * months;
        const start = ymd(y, startMonth + 1, 1);
        const from = range.relative.startsWith('last_') ? addMonths(start, -months) : start;
        return { from, to: addMonths(from, months) };
      }
      case 'last_7_days':
        return lastDays(today, 7);
      case 'last_30_days':
        return lastDays(today, 30);
      case 'last_90_days':
        return lastDays(today, 90);
      case 'last_365_days':
        return lastDays(today, 365);
    }
  }
  if (range.last !== undefined) {
    const { amount, unit } = range.last;
    const end = addDays(today, 1);
    if (unit === 'days') return { from: addDays(end, -amount), to: end };
    if (unit === 'weeks') return { from: addDays(end, -7 * amount), to: end };
    const months = unit === 'months' ? amount : unit === 'quarters' ? 3 * amount : 12 * amount;
    return { from: addMonths(end, -months), to: end };
  }
  const from = range.from ?? '0001-01-01';
  const to = range.to === undefined ? '9999-12-31' : addDays(range.to, 1);
  return { from, to };
}

/** Months in the calendar period of a relative range, or undefined for day-based ranges. */
function calendarUnit(range: DateRange): number | undefined {
  switch (range.relative) {
    case 'this_month':
    case 'last_month':
      return 1;
    case 'this_quarter':
    case 'last_quarter':
      return 3;
    case 'this_year':
    case 'last_year':
      return 12;
    default:
      return undefined;
  }
}

function lastDays(today: string, n: number): ResolvedRange {
  const end = addDays(today, 1);
  return { from: addDays(end, -n), to: end };
}

function split(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? 1970, m ?? 1, d ?? 1];
}

function ymd(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = split(date);
  return ymd(y, m, d + days);
}

/** Adds months, clamping the day to the end of the target month. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = split(date);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return ymd(y, m + months, Math.min(d, last));
}

function dayOfWeek(date: string): number {
  const [y, m, d] = split(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
