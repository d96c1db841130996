import type { AnyField } from '@tessera/logic/browser';
import type { ReactNode } from 'react';
import { useLocale } from '../../i18n/use-locale';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../shared/format';
import type { DisplayProps, FieldUi, InputProps } from '../field-ui.types';
import { EmptyValue, isBlank } from './empty-value';

type ResultType = 'text' | 'number' | 'integer' | 'money' | 'boolean' | 'date' | 'datetime';
const resultType = (field: AnyField): ResultType =>
  'resultType' in field && field.resultType ? (field.resultType as ResultType) : 'number';
const scaleOf = (field: AnyField) => ('scale' in field ? (field.scale as number | undefined) : undefined);

type Locale = ReturnType<typeof useLocale>;

/** How each result type shows (a table, so a new result type must say). */
const RESULT_DISPLAYS: Record<ResultType, (value: unknown, locale: Locale, field: AnyField) => ReactNode> = {
  number: (value, locale, field) => (
    <span className="tabular">{formatNumber(value, locale, scaleOf(field) ?? 2)}</span>
  ),
  integer: (value, locale) => <span className="tabular">{formatNumber(value, locale, 0)}</span>,
  // a formula yielding money: `{ amount, currency }` like a money field
  money: (value, locale, field) => {
    const money = value as { amount?: string; currency?: string };
    const currency = money.currency ?? ('currency' in field ? (field.currency as string) : 'CNY');
    return <span className="tabular">{formatMoney(money.amount ?? null, currency, locale)}</span>;
  },
  date: (value, locale) => <span className="tabular">{formatDate(value, locale)}</span>,
  datetime: (value, locale) => <span className="tabular">{formatDateTime(value, locale)}</span>,
  boolean: (value) => <span>{value ? '✓' : '—'}</span>,
  text: (value) => <span>{String(value)}</span>,
};

/** A value the engine computes (formula, rollup), formatted by its result type. */
export function ComputedDisplay({ field, value }: DisplayProps) {
  const locale = useLocale();
  if (isBlank(value)) return <EmptyValue />;
  return RESULT_DISPLAYS[resultType(field)](value, locale, field);
}

/** A computed field in a form shows its current value, read-only (recomputed as the user types). */
export function computedUi(Display: FieldUi['Display'], extra: Partial<FieldUi> = {}): FieldUi {
  const Input = ({ id, ariaLabel, field, value, scope }: InputProps) => (
    <output id={id} aria-label={ariaLabel} style={{ display: 'block', padding: '4px 0', minHeight: 30 }}>
      <Display field={field} value={value} scope={scope} />
    </output>
  );
  return { Display, Input, computed: true, ...extra };
}
