import type { DateAddUnit, TruncUnit } from '../validate/operator.registry';
import { fromWall, toWall } from './zoned-clock';

/**
 * Calendar arithmetic on the platform's date values: `YYYY-MM-DD` strings (dates, held as UTC
 * midnight) and ISO timestamps (datetimes, also `Date` objects). Calendar units on a datetime
 * run on the wall clock of the context's time zone, step for step like the SQL translation
 * (`x AT TIME ZONE $tz`); hours, minutes and elapsed days run on the instant. Pure.
 */
export type Temporal =
  | { readonly kind: 'date'; readonly ms: number }
  | { readonly kind: 'datetime'; readonly ms: number };

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseTemporal(value: unknown): Temporal | null {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? null : { kind: 'datetime', ms: value.getTime() };
  if (typeof value !== 'string') return null;
  const m = DATE_RE.exec(value);
  if (m) {
    const d = new Date(0);
    d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    // 2024-02-30 is not a date (Postgres refuses it too), not 2024-03-01.
    return d.toISOString().slice(0, 10) === value ? { kind: 'date', ms: d.getTime() } : null;
  }
  if (value.length < 11) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : { kind: 'datetime', ms };
}

export function formatTemporal(t: Temporal): string {
  const iso = new Date(t.ms).toISOString();
  return t.kind === 'date' ? iso.slice(0, 10) : iso;
}

/** Add months in UTC, clamping the day to the end of the target month (Postgres semantics). */
function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const target = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, target + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return Date.UTC(
    y,
    target,
    day,
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

const HOUR_MS = 3_600_000;

function addCalendar(wall: number, k: number, unit: TruncUnit): number {
  switch (unit) {
    case 'day':
      return wall + k * DAY_MS;
    case 'week':
      return wall + k * 7 * DAY_MS;
    case 'month':
      return addMonths(wall, k);
    case 'quarter':
      return addMonths(wall, k * 3);
    case 'year':
      return addMonths(wall, k * 12);
    default:
      return assertNever(unit);
  }
}

/** The instant of a value: a date is its midnight in the zone. */
function instant(t: Temporal, zone: () => string): number {
  return t.kind === 'date' ? fromWall(t.ms, zone()) : t.ms;
}

/** The wall clock of a value in the zone (a date is its own midnight). */
function wall(t: Temporal, zone: () => string): number {
  return t.kind === 'date' ? t.ms : toWall(t.ms, zone());
}

/** `zone` is asked only when the result depends on the time zone (datetimes). */
export function dateAdd(t: Temporal, n: number, unit: DateAddUnit, zone: () => string): Temporal {
  const k = Math.trunc(n);
  if (unit === 'hour' || unit === 'minute') {
    return { kind: 'datetime', ms: instant(t, zone) + k * (unit === 'hour' ? HOUR_MS : 60_000) };
  }
  if (t.kind === 'date') return { kind: 'date', ms: addCalendar(t.ms, k, unit) };
  const z = zone();
  return { kind: 'datetime', ms: fromWall(addCalendar(toWall(t.ms, z), k, unit), z) };
}

/** Whole months from b to a (a − b), truncated toward zero; mirrored by the SQL translation. */
function monthsBetween(a: number, b: number): number {
  const da = new Date(a);
  const db = new Date(b);
  const m0 = (da.getUTCFullYear() - db.getUTCFullYear()) * 12 + (da.getUTCMonth() - db.getUTCMonth());
  const shifted = addMonths(b, m0);
  if (a >= b) return shifted > a ? m0 - 1 : m0;
  return shifted < a ? m0 + 1 : m0;
}

/** Whole units from b to a: calendar days between two dates, elapsed time otherwise. */
export function dateDiff(a: Temporal, b: Temporal, unit: DateAddUnit, zone: () => string): number {
  const bothDates = a.kind === 'date' && b.kind === 'date';
  const delta = bothDates ? a.ms - b.ms : instant(a, zone) - instant(b, zone);
  switch (unit) {
    case 'day':
      return Math.trunc(delta / DAY_MS) + 0;
    case 'week':
      return Math.trunc(delta / (7 * DAY_MS)) + 0;
    case 'hour':
      return Math.trunc(delta / HOUR_MS) + 0;
    case 'minute':
      return Math.trunc(delta / 60_000) + 0;
    case 'month':
      return monthsBetween(wall(a, zone), wall(b, zone));
    case 'quarter':
      return Math.trunc(monthsBetween(wall(a, zone), wall(b, zone)) / 3) + 0;
    case 'year':
      return Math.trunc(monthsBetween(wall(a, zone), wall(b, zone)) / 12) + 0;
    default:
      return assertNever(unit);
  }
}

function truncateWall(ms: number, unit: TruncUnit): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (unit) {
    case 'day':
      return Date.UTC(y, m, d.getUTCDate());
    case 'week':
      return Date.UTC(y, m, d.getUTCDate() - ((d.getUTCDay() + 6) % 7)); // ISO: Monday
    case 'month':
      return Date.UTC(y, m, 1);
    case 'quarter':
      return Date.UTC(y, m - (m % 3), 1);
    case 'year':
      return Date.UTC(y, 0, 1);
    default:
      return assertNever(unit);
  }
}

export function startOf(t: Temporal, unit: TruncUnit, zone: () => string): Temporal {
  if (t.kind === 'date') return { kind: 'date', ms: truncateWall(t.ms, unit) };
  const z = zone();
  return { kind: 'datetime', ms: fromWall(truncateWall(toWall(t.ms, z), unit), z) };
}

/** Last day of the unit for a date; the last millisecond of the unit (in the zone) for a datetime. */
export function endOf(t: Temporal, unit: TruncUnit, zone: () => string): Temporal {
  if (t.kind === 'date') return { kind: 'date', ms: addCalendar(truncateWall(t.ms, unit), 1, unit) - DAY_MS };
  const z = zone();
  return { kind: 'datetime', ms: fromWall(addCalendar(truncateWall(toWall(t.ms, z), unit), 1, unit) - 1, z) };
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
