import type { LabelLanguage } from '../../common/label';
import type { FieldOfType } from '../../form/field.schema';
import type { Cell, CellCodec } from './cell-codec';
import { splitList } from './choice-cell.parser';
import { parseNumber } from './number-cell.parser';
import type { Parsed } from './parsed';

/** Text as it stands (a number an XLSX cell holds, as its digits). */
export const textCell: CellCodec = {
  read: (_f, cell, text) => ({ ok: true, value: typeof cell === 'number' ? String(cell) : text }),
  write: (_f, value) => String(value),
};

/** A number (integer and rating too: the validator checks the range and the whole number). */
export const numberCell: CellCodec = {
  read: (_f, cell, text) =>
    cell instanceof Date || typeof cell === 'boolean' ? notA('number', text) : parseNumber(cell),
  write: (_f, value) => (typeof value === 'number' ? value : Number(value)),
};

/** A computed value, read as its text (imports never write it) and written as it is. */
export const computedCell: CellCodec = {
  read: (_f, _cell, text) => ({ ok: true, value: text }),
  write: (_f, value) =>
    typeof value === 'number'
      ? value
      : isMoneyValue(value)
        ? moneyText(value.amount, value.currency)
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value),
};

const isMoneyValue = (value: unknown): value is { amount: string; currency: string } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { amount?: unknown }).amount === 'string' &&
  typeof (value as { currency?: unknown }).currency === 'string';

/** "¥1,234.50" for yuan, "USD 12.30" otherwise: how a sheet shows an amount of money. */
export function moneyText(amount: string, currency: string): string {
  const [whole, fraction] = amount.replace(/^-/, '').split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = `${amount.startsWith('-') ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
  return currency === 'CNY' ? `¥${text}` : `${currency} ${text}`;
}

/** Departments and roles: their keys, several separated like a list when the field is `multiple`. */
export const orgUnitCell: CellCodec<FieldOfType<'department' | 'role'>> = {
  read: (f, _cell, text) => ({ ok: true, value: f.multiple === true ? splitList(text) : text }),
  write: (_f, value) => (Array.isArray(value) ? value.join(', ') : String(value)),
};

export function notA(what: string, text: string): Parsed<never> {
  return { ok: false, message: `"${text}" is not a ${what}` };
}

export function parseJsonCell(text: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, message: 'is not valid JSON' };
  }
}

/** Each part parsed, duplicates dropped; the first part that does not parse is the answer. */
export function allParts<T>(parts: readonly string[], parse: (part: string) => Parsed<T>): Parsed<T[]> {
  const out: T[] = [];
  for (const part of parts) {
    const parsed = parse(part);
    if (!parsed.ok) return parsed;
    if (!out.includes(parsed.value)) out.push(parsed.value);
  }
  return { ok: true, value: out };
}

/** An option's label in the language (value when it has none). */
export function optionLabel(
  options: readonly { value: string; label: Partial<Record<LabelLanguage, string>> }[],
  value: string,
  lang: LabelLanguage,
): string {
  const option = options.find((o) => o.value === value);
  return option?.label[lang] ?? option?.label.en ?? option?.label['zh-CN'] ?? value;
}

/** Whether a cell holds nothing (left out of the record: defaults apply, updates keep the value). */
export function isBlankCell(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}
