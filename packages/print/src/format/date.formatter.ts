import type { PrintLocale } from './print-locale';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour?: number;
  readonly minute?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A `YYYY-MM-DD` date: no time zone involved (it is a calendar day). */
export function dateParts(value: string): DateParts | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
}

const zoned = new Map<string, Intl.DateTimeFormat>();

/** An instant, seen on the wall clock of `timeZone`. */
export function instantParts(value: string | Date, timeZone: string): DateParts | null {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  let format = zoned.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    zoned.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** 2025年1月5日 / 5 Jan 2025; with a time: 2025年1月5日 14:30 / 5 Jan 2025, 14:30. */
export function formatDate(parts: DateParts, locale: PrintLocale): string {
  const time = parts.hour === undefined ? '' : `${pad(parts.hour)}:${pad(parts.minute ?? 0)}`;
  if (locale === 'zh-CN') return `${parts.year}年${parts.month}月${parts.day}日${time ? ` ${time}` : ''}`;
  return `${parts.day} ${MONTHS_EN[parts.month - 1]} ${parts.year}${time ? `, ${time}` : ''}`;
}

/** 2025-01-05 (and 14:30): the same in every language, compact for tables. */
export function formatIsoDate(parts: DateParts): string {
  const day = `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`;
  return parts.hour === undefined ? day : `${day} ${pad(parts.hour)}:${pad(parts.minute ?? 0)}`;
}
