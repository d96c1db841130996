/**
 * Auto-number patterns such as `CUS-{YYYY}-{seq:5}`: pure formatting and the period a number
 * counts in. Tokens: {YYYY} {YY} {MM} {DD} (the creation date in the engine's time zone) and
 * {seq:N} (the sequence, zero-padded to N digits; longer numbers are never cut).
 */
export type ResetEvery = 'never' | 'year' | 'month' | 'day';

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const TOKEN = /\{(YYYY|YY|MM|DD|seq:(\d{1,2}))\}/g;

/**
 * The period of a sequence: `resetEvery` when given, otherwise the finest date part the pattern
 * shows ({DD} → day, {MM} → month, {YYYY}/{YY} → year, none → never), so `CUS-{YYYY}-{seq:5}`
 * starts at 00001 every year and numbers never repeat within what the pattern can tell apart.
 */
export function resetPeriod(pattern: string, resetEvery?: ResetEvery): ResetEvery {
  if (resetEvery !== undefined) return resetEvery;
  if (pattern.includes('{DD}')) return 'day';
  if (pattern.includes('{MM}')) return 'month';
  if (pattern.includes('{YYYY}') || pattern.includes('{YY}')) return 'year';
  return 'never';
}

/** The counter key of a period: '' (never), '2026', '2026-03' or '2026-03-09'. */
export function periodKey(period: ResetEvery, date: CalendarDate): string {
  const y = String(date.year).padStart(4, '0');
  const m = pad(date.month, 2);
  const d = pad(date.day, 2);
  switch (period) {
    case 'never':
      return '';
    case 'year':
      return y;
    case 'month':
      return `${y}-${m}`;
    case 'day':
      return `${y}-${m}-${d}`;
    default:
      return assertNever(period);
  }
}

/** Renders a number: the date tokens from `date`, `{seq:N}` from `sequence`. */
export function formatAutoNumber(pattern: string, date: CalendarDate, sequence: number): string {
  return pattern.replace(TOKEN, (_match, token: string, digits: string | undefined) => {
    switch (token) {
      case 'YYYY':
        return String(date.year).padStart(4, '0');
      case 'YY':
        return pad(date.year % 100, 2);
      case 'MM':
        return pad(date.month, 2);
      case 'DD':
        return pad(date.day, 2);
      default:
        return pad(sequence, Number(digits));
    }
  });
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in an IANA time zone. */
export function calendarDate(at: Date, timeZone: string): CalendarDate {
  // Zones' offsets since 1972 are whole minutes, so the date only changes at a minute's start: the last
  // minute's answer per zone is kept (formatToParts costs more than the rest of a create's numbering).
  const minute = Math.floor(at.getTime() / 60_000);
  const last = lastDates.get(timeZone);
  if (last?.minute === minute) return last.date;
  const date = formatDate(at, timeZone);
  lastDates.set(timeZone, { minute, date });
  return date;
}

const lastDates = new Map<string, { minute: number; date: CalendarDate }>();

function formatDate(at: Date, timeZone: string): CalendarDate {
  let format = formats.get(timeZone);
  if (!format) {
    // Building a formatter costs far more than using one: one per zone, for the process.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(at).reduce<Record<string, string>>((acc, p) => {
    acc[p.type] = p.value;
    return acc;
  }, {});
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function assertNever(value: never): never {
  throw new Error(`unexpected reset period ${String(value)}`);
}
