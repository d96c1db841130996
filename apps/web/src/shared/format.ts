import type { Locale } from '../i18n/namespaces';

/** Values as people read them in the UI's language: separators, currency symbols, local dates. */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as T;
}

export function formatNumber(value: unknown, locale: Locale, scale?: number): string {
  const n = typeof value === 'number' ? value : Number(value);
  if (value === null || value === undefined || value === '' || !Number.isFinite(n)) return '';
  const f = cached(
    `n:${locale}:${scale}`,
    () =>
      new Intl.NumberFormat(
        locale,
        scale === undefined
          ? { maximumFractionDigits: 6 }
          : { minimumFractionDigits: scale, maximumFractionDigits: scale },
      ),
  );
  return f.format(n);
}

export function formatMoney(amount: unknown, currency: string | null | undefined, locale: Locale): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const n = Number(amount);
  if (!Number.isFinite(n)) return String(amount);
  const code = currency || 'CNY';
  const f = cached(`m:${locale}:${code}`, () => {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency: code, currencyDisplay: 'symbol' });
    } catch {
      return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
  });
  return f.format(n);
}

export function formatPercent(value: unknown, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  if (!Number.isFinite(n)) return '';
  return cached(
    `p:${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }),
  ).format(n);
}

/** A calendar date (`2026-03-01`) in the locale's form, without shifting it through a time zone. */
export function formatDate(value: unknown, locale: Locale): string {
  if (typeof value !== 'string' || value === '') return '';
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return value;
  return cached(
    `d:${locale}`,
    () =>
      new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }),
  ).format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatDateTime(value: unknown, locale: Locale): string {
  if (typeof value !== 'string' || value === '') return '';
  const t = Date.parse(value);
  if (Number.isNaN(t)) return value;
  return cached(
    `dt:${locale}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      }),
  ).format(new Date(t));
}
