/**
 * Dates and datetimes as people type them in sheets, pure. Year-first forms are always read
 * (2026-01-05, 2026/1/5, 2026.1.5, 2026年1月5日, 20260105); day/month/year with slashes only when
 * unambiguous (15/01/2026, 01/15/2026), else refused with a hint; Excel serial numbers (46027)
 * and the Date objects of XLSX date cells (wall-clock time stored as UTC by exceljs).
 */

import type { Parsed } from './parsed';

interface WallTime {
  y: number;
  m: number;
  d: number;
  hh: number;
  mi: number;
  ss: number;
  ms: number;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** An Excel serial (days since 1899-12-30, fraction = time of day) as wall-clock fields. */
export function excelSerialWallTime(serial: number): WallTime | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  return fromUtcFields(new Date(EXCEL_EPOCH_MS + Math.round(serial * DAY_MS)));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDateCell(cell: string | number | Date): Parsed<string> {
  // the common case (and what the export writes): YYYY-MM-DD, taken as is once it is a calendar date
  const iso = typeof cell === 'string' ? ISO_DATE.exec(cell) : null;
  if (iso) {
    const m = Number(iso[2]);
    const d = Number(iso[3]);
    if (m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(Number(iso[1]), m))
      return { ok: true, value: cell as string };
  }
  const wall = wallTimeOf(cell, false);
  if (!wall.ok) return wall;
  return { ok: true, value: isoDate(wall.value) };
}

/** A datetime: an ISO string with an offset is taken as is; a wall-clock time is read in `timeZone`. */
export function parseDateTimeCell(cell: string | number | Date, timeZone: string): Parsed<string> {
  if (typeof cell === 'string') {
    const text = cell.trim();
    if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
      const at = new Date(text.replace(' ', 'T'));
      if (!Number.isNaN(at.getTime())) return { ok: true, value: at.toISOString() };
    }
  }
  const wall = wallTimeOf(cell, true);
  if (!wall.ok) return wall;
  return { ok: true, value: zonedToUtc(wall.value, timeZone).toISOString() };
}

function wallTimeOf(cell: string | number | Date, withTime: boolean): Parsed<WallTime> {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { ok: false, message: 'is not a valid date' };
    return { ok: true, value: fromUtcFields(cell) };
  }
  if (typeof cell === 'number') {
    const wall = excelSerialWallTime(cell);
    return wall ? { ok: true, value: wall } : { ok: false, message: `${cell} is not a date` };
  }
  const text = cell.trim().replace(/\s+/g, ' ');
  if (/^\d{5}(\.\d+)?$/.test(text)) return wallTimeOf(Number(text), withTime);
  const [datePart, timePart] = splitDateTime(text);
  const date = parseDatePart(datePart);
  if (!date.ok) return date;
  const time = timePart === '' ? { hh: 0, mi: 0, ss: 0, ms: 0 } : parseTimePart(timePart);
  if (!time) return { ok: false, message: `"${text}": the time is not HH:MM[:SS]` };
  return { ok: true, value: { ...date.value, ...time } };
}

function splitDateTime(text: string): [string, string] {
  const iso = /^(\d{4}-\d{1,2}-\d{1,2})T(.*)$/.exec(text);
  if (iso) return [iso[1]!, iso[2]!];
  const space = text.indexOf(' ');
  if (space > 0 && /\d:\d/.test(text.slice(space))) return [text.slice(0, space), text.slice(space + 1)];
  return [text, ''];
}

function parseDatePart(text: string): Parsed<Pick<WallTime, 'y' | 'm' | 'd'>> {
  const ymd =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const dmy = ymd ? null : /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  let y: number;
  let m: number;
  let d: number;
  if (ymd) [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  else if (dmy) {
    const a = Number(dmy[1]);
    const b = Number(dmy[2]);
    y = Number(dmy[3]);
    if (a > 12 && b <= 12) [d, m] = [a, b];
    else if (b > 12 && a <= 12) [m, d] = [a, b];
    else if (a === b) [m, d] = [a, b];
    else
      return {
        ok: false,
        message: `"${text}" is ambiguous (day/month or month/day?): write it as YYYY-MM-DD`,
      };
  } else return { ok: false, message: `"${text}" is not a date (use YYYY-MM-DD)` };
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m))
    return { ok: false, message: `"${text}" is not a calendar date` };
  return { ok: true, value: { y, m, d } };
}

function parseTimePart(text: string): Pick<WallTime, 'hh' | 'mi' | 'ss' | 'ms'> | null {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*(am|pm)?$/i.exec(text.trim());
  if (!match) return null;
  let hh = Number(match[1]);
  const pm = match[5]?.toLowerCase();
  if (pm === 'pm' && hh < 12) hh += 12;
  if (pm === 'am' && hh === 12) hh = 0;
  const mi = Number(match[2]);
  const ss = Number(match[3] ?? 0);
  if (hh > 23 || mi > 59 || ss > 59) return null;
  return { hh, mi, ss, ms: Number((match[4] ?? '0').padEnd(3, '0')) };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function fromUtcFields(at: Date): WallTime {
  return {
    y: at.getUTCFullYear(),
    m: at.getUTCMonth() + 1,
    d: at.getUTCDate(),
    hh: at.getUTCHours(),
    mi: at.getUTCMinutes(),
    ss: at.getUTCSeconds(),
    ms: at.getUTCMilliseconds(),
  };
}

function isoDate(w: Pick<WallTime, 'y' | 'm' | 'd'>): string {
  return `${String(w.y).padStart(4, '0')}-${String(w.m).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`;
}

/** The instant at which the clocks of `timeZone` show `wall` (two passes settle DST edges). */
export function zonedToUtc(wall: WallTime, timeZone: string): Date {
  const guess = Date.UTC(wall.y, wall.m - 1, wall.d, wall.hh, wall.mi, wall.ss, wall.ms);
  let at = guess - offsetMs(guess, timeZone);
  at = guess - offsetMs(at, timeZone);
  return new Date(at);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The UTC offset of `timeZone` at instant `ms`. */
export function offsetMs(ms: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const shown = Date.UTC(
    +parts.year!,
    +parts.month! - 1,
    +parts.day!,
    +parts.hour!,
    +parts.minute!,
    +parts.second!,
  );
  return shown - Math.floor(ms / 1000) * 1000;
}
