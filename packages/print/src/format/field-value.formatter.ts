import {
  type ComputedResultType,
  type FieldDefinition,
  type FieldType,
  type Label,
  ratingMax,
} from '@tessera/schema';
import { toChineseCapitals } from '../money/chinese-capitals';
import { decimalToString, groupThousands, parseDecimal, roundDecimal } from '../money/decimal-string';
import type { FormCatalog } from '../template/field-path.resolver';
import { dateParts, formatDate, formatIsoDate, instantParts } from './date.formatter';
import { PRINT_WORDS, type PrintLocale, pick } from './print-locale';
import type { PrintFormat } from './text-template';

/** What formatting needs besides the value: language, zone, users' names, the forms (link titles). */
export interface FormatContext {
  readonly locale: PrintLocale;
  readonly timeZone: string;
  readonly catalog: FormCatalog;
  readonly userName: (id: string) => string | undefined;
  /** A department's name by its code, a role's title by its key (without them the code prints). */
  readonly departmentName?: (code: string) => string | undefined;
  readonly roleTitle?: (key: string) => Label | undefined;
}

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  CNY: '¥',
  USD: '$',
  EUR: '€',
  GBP: '£',
  JPY: '¥',
  HKD: 'HK$',
};

/** 12345.6 → "12,345.60" at `scale` digits (exact for decimal strings). */
export function formatNumber(value: unknown, scale: number | undefined): string {
  const parsed = typeof value === 'string' || typeof value === 'number' ? parseDecimal(value) : null;
  if (!parsed) return '';
  return groupThousands(decimalToString(scale === undefined ? parsed : roundDecimal(parsed, scale)));
}

/** ¥12,345.67 (the currency's symbol, else its code). */
export function formatMoney(amount: unknown, currency: string | undefined, scale = 2): string {
  const figures = formatNumber(amount, scale);
  if (!figures) return '';
  const symbol = currency ? (CURRENCY_SYMBOLS[currency] ?? `${currency} `) : '';
  return figures.startsWith('-') ? `-${symbol}${figures.slice(1)}` : `${symbol}${figures}`;
}

/** The amount of a money value or a plain number. */
export function amountOf(value: unknown): string | number | undefined {
  if (value !== null && typeof value === 'object' && 'amount' in value)
    return (value as { amount: string }).amount;
  return typeof value === 'number' || typeof value === 'string' ? value : undefined;
}

type Formatter = (value: unknown, field: FieldDefinition, ctx: FormatContext) => string;

const plain: Formatter = (v) => (v === null || v === undefined ? '' : String(v));
const list = (items: readonly string[], locale: PrintLocale) =>
  items.filter(Boolean).join(locale === 'zh-CN' ? '、' : ', ');
const scaleOf = (field: FieldDefinition) => (field as { scale?: number }).scale;

const date: Formatter = (v, _f, ctx) => {
  const parts = typeof v === 'string' ? dateParts(v) : null;
  return parts ? formatDate(parts, ctx.locale) : '';
};
const datetime: Formatter = (v, _f, ctx) => {
  const parts = typeof v === 'string' || v instanceof Date ? instantParts(v, ctx.timeZone) : null;
  return parts ? formatDate(parts, ctx.locale) : '';
};
const boolean: Formatter = (v, _f, ctx) =>
  v === true ? PRINT_WORDS[ctx.locale].yes : v === false ? PRINT_WORDS[ctx.locale].no : '';
const number: Formatter = (v, f) => formatNumber(v, scaleOf(f));
const option: Formatter = (v, f, ctx) => {
  const options =
    (f as { options?: readonly { value: string; label: Parameters<typeof pick>[0] }[] }).options ?? [];
  const one = (x: unknown) => pick(options.find((o) => o.value === x)?.label, ctx.locale) || plain(x, f, ctx);
  return Array.isArray(v) ? list(v.map(one), ctx.locale) : one(v);
};
const users: Formatter = (v, _f, ctx) => {
  const ids = Array.isArray(v) ? v : v === null || v === undefined ? [] : [v];
  return list(
    ids.map((id) => ctx.userName(String(id)) ?? ''),
    ctx.locale,
  );
};
/** One or several codes, each by its name (a code without one — deleted — prints as it is). */
const named =
  (name: (code: string, ctx: FormatContext) => string | undefined): Formatter =>
  (v, _f, ctx) =>
    list(
      (Array.isArray(v) ? v : [v]).map((code) => name(String(code), ctx) || String(code)),
      ctx.locale,
    );
const department = named((code, ctx) => ctx.departmentName?.(code));
const role = named((key, ctx) => {
  const title = ctx.roleTitle?.(key);
  return title ? pick(title, ctx.locale) : undefined;
});

/** Every field type's printed form (line items print as a table, not as a value). */
const FORMATTERS: Record<FieldType, Formatter> = {
  text: plain,
  long_text: plain,
  rich_text: (v) =>
    typeof v === 'string'
      ? v
          .replace(/<[^>]*>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim()
      : '',
  email: plain,
  phone: plain,
  url: plain,
  auto_number: plain,
  number,
  integer: (v) => formatNumber(v, 0),
  // ★★★★☆ for 4 of 5 stars (a printed form shows the scale, not only the number)
  rating: (v, f) => {
    const stars = typeof v === 'number' ? v : Number(v);
    if (v === null || v === undefined || !Number.isInteger(stars)) return '';
    const max = ratingMax(f as { max?: number });
    return '★'.repeat(stars) + '☆'.repeat(Math.max(0, max - stars));
  },
  money: (v, f) => {
    const money = v as { amount?: string; currency?: string } | null;
    return money
      ? formatMoney(money.amount, money.currency ?? (f as { currency?: string }).currency, scaleOf(f) ?? 2)
      : '';
  },
  percent: (v, f) => {
    const parsed = typeof v === 'number' || typeof v === 'string' ? parseDecimal(v) : null;
    if (!parsed) return '';
    // a ratio: 0.155 → 15.5 %, at the field's scale less the two digits the percentage takes
    const percent = roundDecimal(
      { units: parsed.units * 100n, scale: parsed.scale },
      Math.max(0, (scaleOf(f) ?? 4) - 2),
    );
    return `${decimalToString(percent)
      .replace(/\.(\d*?)0+$/, '.$1')
      .replace(/\.$/, '')}%`;
  },
  boolean,
  date,
  datetime,
  single_select: option,
  multi_select: option,
  user: users,
  department,
  role,
  link: (v, f, ctx) => {
    if (v === null || typeof v !== 'object' || f.type !== 'link') return '';
    const target = ctx.catalog[f.form];
    const title = target?.fields.find((x) => x.id === target.titleField);
    return title ? formatValue((v as Record<string, unknown>)[title.key], title, ctx) : '';
  },
  line_items: (v) => (Array.isArray(v) ? String(v.length) : ''),
  formula: (v, f, ctx) => computed(v, f, ctx),
  rollup: (v, f, ctx) => computed(v, f, ctx),
  lookup: plain,
  attachment: (v, _f, ctx) =>
    Array.isArray(v)
      ? list(
          v.map((a) => String((a as { name?: unknown }).name ?? '')),
          ctx.locale,
        )
      : '',
  json: (v) => (v === null || v === undefined ? '' : JSON.stringify(v)),
};

/** A formula's or rollup's value by its result type (a rollup without one prints as it is). */
const COMPUTED_FORMATTERS: Record<ComputedResultType, Formatter> = {
  number: (v, f) => formatNumber(v, scaleOf(f)),
  integer: (v) => formatNumber(v, 0),
  // `{ amount, currency }` with the formula's currency, as a money field prints
  money: (v, f, ctx) => FORMATTERS.money(v, f, ctx),
  boolean: (v, f, ctx) => boolean(v, f, ctx),
  date: (v, f, ctx) => date(v, f, ctx),
  datetime: (v, f, ctx) => datetime(v, f, ctx),
  text: (v, f, ctx) => plain(v, f, ctx),
};

function computed(v: unknown, f: FieldDefinition, ctx: FormatContext): string {
  const resultType = (f as { resultType?: ComputedResultType }).resultType;
  return (resultType ? COMPUTED_FORMATTERS[resultType] : plain)(v, f, ctx);
}

/** The value of `field` as printed, in the template's language; `format` overrides the default. */
export function formatValue(
  value: unknown,
  field: FieldDefinition,
  ctx: FormatContext,
  format?: PrintFormat,
): string {
  if (value === null || value === undefined) return '';
  switch (format) {
    case undefined:
      return FORMATTERS[field.type](value, field, ctx);
    case 'raw':
      return typeof value === 'object'
        ? (amountOf(value)?.toString() ?? JSON.stringify(value))
        : String(value);
    case 'capitals': {
      const amount = amountOf(value);
      const capitals = amount === undefined ? null : toChineseCapitals(amount);
      return capitals?.ok ? capitals.text : '';
    }
    case 'figures': {
      // an amount without a currency of its own (a formula total) is in yuan: 大写金额 are RMB amounts
      const currency =
        (value as { currency?: string }).currency ?? (field as { currency?: string }).currency ?? 'CNY';
      return formatMoney(amountOf(value), currency, scaleOf(field) ?? 2);
    }
    case 'date_iso': {
      const parts =
        typeof value === 'string'
          ? field.type === 'datetime'
            ? instantParts(value, ctx.timeZone)
            : dateParts(value)
          : null;
      return parts ? formatIsoDate(parts) : '';
    }
    case 'date':
    case 'datetime': {
      const isInstant =
        field.type === 'datetime' || (field as { resultType?: string }).resultType === 'datetime';
      const parts =
        typeof value !== 'string' ? null : isInstant ? instantParts(value, ctx.timeZone) : dateParts(value);
      if (!parts) return '';
      const { hour: _h, minute: _m, ...day } = parts;
      return formatDate(format === 'date' ? day : parts, ctx.locale);
    }
    default: {
      const never: never = format;
      return String(never);
    }
  }
}
