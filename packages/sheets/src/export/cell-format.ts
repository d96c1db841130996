import type { FormDefinition, LabelLanguage } from '@tessera/schema';
import { offsetMs } from '../convert/date-cell.parser';
import { displayField } from '../import/identifying-fields';
import type { SheetField } from '../model/sheet-types';

export interface FormatContext {
  readonly lang: LabelLanguage;
  readonly timeZone: string;
  /** User id → the name people know them by. */
  readonly userName: (id: string) => string | undefined;
  /** A linked form's definition (its display field names linked records). */
  readonly formOf: (key: string) => FormDefinition | undefined;
}

/** A cell as written: text (CSV and XLSX) or a number/date/boolean XLSX keeps typed. */
export type OutCell = string | number | null;

const YES: Record<LabelLanguage, [string, string]> = { 'zh-CN': ['是', '否'], en: ['Yes', 'No'] };

/**
 * An API value as a person reads it, pure, and so that importing it gives the value back: option
 * labels, user names, the linked record's title, money with its currency, dates as YYYY-MM-DD,
 * datetimes as wall-clock time in the platform's zone, percentages as "12.5%", yes/no in the
 * language; line items and JSON as JSON text.
 */
export function formatCell(field: SheetField, value: unknown, ctx: FormatContext): OutCell {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'number':
    case 'integer':
    case 'rating':
      return typeof value === 'number' ? value : Number(value);
    case 'percent':
      return `${trimNumber(Number(value) * 100)}%`;
    case 'money':
      return formatMoney(value as { amount: string; currency?: string }, field.currency);
    case 'boolean':
      return YES[ctx.lang][value === true ? 0 : 1];
    case 'date':
      return String(value).slice(0, 10);
    case 'datetime':
      return wallClock(String(value), ctx.timeZone);
    case 'single_select':
      return optionLabel(field.options, String(value), ctx.lang);
    case 'multi_select':
      return (value as string[])
        .map((v) => optionLabel(field.options, v, ctx.lang))
        .join(ctx.lang === 'zh-CN' ? '、' : ', ');
    case 'user':
      return (Array.isArray(value) ? value : [value])
        .map((id) => ctx.userName(String(id)) ?? String(id))
        .join(', ');
    case 'department':
    case 'role':
      return Array.isArray(value) ? value.join(', ') : String(value);
    case 'link':
      return linkTitle(field.form, value, ctx);
    case 'line_items':
      return JSON.stringify(stripRowIds(value));
    case 'json':
      return JSON.stringify(value);
    case 'attachment':
      // the file names, as a person reads them (the files themselves stay in the app)
      return Array.isArray(value)
        ? value.map((file) => String((file as { name?: unknown } | null)?.name ?? '')).join(', ')
        : '';
    case 'rollup':
    case 'formula':
      return typeof value === 'number'
        ? value
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
    case 'lookup':
      return typeof value === 'object' ? JSON.stringify(value) : (value as string | number);
    default:
      return String(value);
  }
}

export function fieldLabel(field: SheetField, lang: LabelLanguage): string {
  return field.label[lang] ?? field.label.en ?? field.label['zh-CN'] ?? field.key;
}

function optionLabel(
  options: readonly { value: string; label: Partial<Record<LabelLanguage, string>> }[],
  value: string,
  lang: LabelLanguage,
): string {
  const option = options.find((o) => o.value === value);
  return option?.label[lang] ?? option?.label.en ?? option?.label['zh-CN'] ?? value;
}

function linkTitle(formKey: string, value: unknown, ctx: FormatContext): string {
  if (typeof value === 'string') return value;
  const record = value as Record<string, unknown>;
  const form = ctx.formOf(formKey);
  const title = form ? displayField(form) : undefined;
  const shown = title ? record[title.key] : undefined;
  return typeof shown === 'string' && shown !== '' ? shown : String(record.id);
}

function formatMoney(money: { amount: string; currency?: string }, fieldCurrency: string): string {
  const [whole, fraction] = money.amount.replace(/^-/, '').split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const amount = `${money.amount.startsWith('-') ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
  const currency = money.currency ?? fieldCurrency;
  return currency === 'CNY' ? `¥${amount}` : `${currency} ${amount}`;
}

function wallClock(iso: string, timeZone: string): string {
  const at = new Date(iso);
  const shifted = new Date(at.getTime() + offsetMs(at.getTime(), timeZone));
  return shifted.toISOString().slice(0, 19).replace('T', ' ');
}

function trimNumber(n: number): string {
  return String(Number(n.toPrecision(12)));
}

function stripRowIds(rows: unknown): unknown {
  if (!Array.isArray(rows)) return rows;
  return rows.map((row) => {
    const { id: _id, ...rest } = row as Record<string, unknown>;
    return rest;
  });
}
