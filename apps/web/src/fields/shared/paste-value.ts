import type { AnyField } from '@tessera/logic/browser';
import type { FieldType } from '@tessera/schema';
import { optionsOf } from './select-options';

/**
 * A cell pasted from a spreadsheet as the field's value: numbers without thousands separators,
 * money in the field's currency, options by value or by label in any language, dates as
 * YYYY-MM-DD, yes/no words. Undefined when the text does not fit (the cell is left as it was).
 */
export function pastedValue(field: AnyField, text: string): unknown {
  const raw = text.trim();
  if (raw === '') return null;
  return (PASTERS[field.type] as Paster)(raw, field);
}

type Paster = (raw: string, field: AnyField) => unknown;

const number = (raw: string) => {
  const n = Number(raw.replace(/[,\s¥$€£]/g, '').replace(/%$/, ''));
  return Number.isFinite(n) ? n : undefined;
};
const wholeNumber: Paster = (raw) => {
  const n = number(raw);
  return n === undefined ? undefined : Math.round(n);
};
const asText: Paster = (raw) => raw;
/** Not pasted: the cell is left as it was. */
const none: Paster = () => undefined;

/** How a pasted cell becomes each field type's value (a table, so a new type must say). */
const PASTERS: Record<FieldType, Paster> = {
  text: asText,
  long_text: asText,
  rich_text: none,
  number,
  integer: wholeNumber,
  money: (raw, field) => {
    const n = number(raw);
    const currency = 'currency' in field ? field.currency : 'CNY';
    return n === undefined ? undefined : { amount: n.toFixed(2), currency };
  },
  percent: (raw) => {
    const n = number(raw);
    return n === undefined ? undefined : raw.endsWith('%') ? n / 100 : n;
  },
  rating: wholeNumber,
  boolean: (raw) =>
    /^(1|true|yes|y|是|对|✓)$/i.test(raw) ? true : /^(0|false|no|n|否|✗)$/i.test(raw) ? false : undefined,
  date: (raw) => {
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/.exec(raw);
    return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : undefined;
  },
  datetime: none,
  single_select: (raw, field) =>
    optionsOf(field).find((opt) => opt.value === raw || Object.values(opt.label).includes(raw))?.value,
  multi_select: none,
  user: none,
  department: none,
  role: none,
  link: none,
  line_items: none,
  auto_number: none,
  formula: none,
  rollup: none,
  lookup: none,
  email: asText,
  phone: asText,
  url: asText,
  attachment: none,
  json: none,
};

/** Clipboard text of a spreadsheet selection: rows of tab-separated cells. */
export function parseClipboardGrid(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => line.split('\t'));
}
