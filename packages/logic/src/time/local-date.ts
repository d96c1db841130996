import { fromWall, toWall } from '../eval/zoned-clock';

/**
 * Calendar dates in the platform's time zone (TESSERA_TIME_ZONE): the one place that turns an
 * instant into "today" and a date into the instant it begins. Rules, reports, flows, the demo
 * generator and the web app all go through these, so they never disagree about which day it is.
 */

const DAY_MS = 86_400_000;

/** The calendar date (YYYY-MM-DD) of an instant in an IANA time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Date(toWall(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

/** The calendar day (days since 1970-01-01) of an instant in a time zone. */
export function localDay(instant: Date, timeZone: string): number {
  return Math.floor(toWall(instant.getTime(), timeZone) / DAY_MS);
}

/** The instant at which `date` (YYYY-MM-DD) begins in the zone: its local midnight. */
export function startOfLocalDate(date: string, timeZone: string): Date {
  return new Date(fromWall(Date.parse(`${date}T00:00:00Z`), timeZone));
}

/**
 * The instant the zone's clocks show a wall-clock time, given as the UTC fields of `wall`
 * (2026-03-10T09:00Z as a wall value is 09:00 local on 10 March).
 */
export function wallClockInstant(wall: Date, timeZone: string): Date {
  return new Date(fromWall(wall.getTime(), timeZone));
}

/** Whether the runtime knows the IANA time zone. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
