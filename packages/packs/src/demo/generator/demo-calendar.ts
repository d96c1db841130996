import { localDay } from '@tessera/logic';

const DAY_MS = 86_400_000;

/** The calendar day (days since 1970-01-01) of an instant in a time zone. */
export const dayOf = localDay;

/** A day as YYYY-MM-DD. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * An instant on a day: `hour` hours after its midnight UTC (the generator keeps business hours
 * at 01:00–10:00 UTC, 09:00–18:00 in China). The writer never dates a record after the clock.
 */
export function instant(day: number, hour: number): Date {
  return new Date(day * DAY_MS + Math.round(hour * 3_600_000));
}

/** The first day of the month a day is in (auto-numbers and chunks go by month). */
export function monthOf(day: number): string {
  return isoDay(day).slice(0, 7);
}
