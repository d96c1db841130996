import type { ResultColumn } from '../../../api/reports.api';
import type { Locale } from '../../../i18n/namespaces';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent } from '../../../shared/format';

/**
 * A figure as people read it: money with its symbol, rates as percentages, whole counts without
 * decimals, averages and durations to one decimal. `format` is the query model's display hint.
 */
export function formatFigure(value: unknown, column: ResultColumn | undefined, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '–';
  switch (column?.format) {
    case 'money':
      return formatMoney(Number(value).toFixed(2), 'CNY', locale);
    case 'percent':
      return formatPercent(value, locale);
    case 'integer':
      return formatNumber(Math.round(Number(value)), locale, 0);
  }
  switch (column?.type) {
    case 'integer':
      return formatNumber(value, locale, 0);
    case 'date':
      return formatDate(value, locale);
    case 'datetime':
      return formatDateTime(value, locale);
    case 'decimal':
    case 'number': {
      const n = Number(value);
      return Number.isInteger(n) ? formatNumber(n, locale, 0) : formatNumber(n, locale, 1);
    }
    default:
      return String(value);
  }
}
