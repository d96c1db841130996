import type { Parsed } from './parsed';

const SYMBOL_CURRENCY: Readonly<Record<string, string>> = {
  '¥': 'CNY',
  '￥': 'CNY',
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
};

/**
 * A decimal as people write it, pure, kept as a string so no digit is lost: thousands separators
 * (1,234,567.8 · 1 234 · 1，234), accounting negatives "(1,234.00)", a leading "+", full-width digits.
 */
export function parseDecimal(cell: string | number): Parsed<string> {
  if (typeof cell === 'number') {
    return Number.isFinite(cell)
      ? { ok: true, value: String(cell) }
      : { ok: false, message: 'is not a number' };
  }
  let text = cell.normalize('NFKC').trim();
  let negative = false;
  const paren = /^\((.*)\)$/.exec(text);
  if (paren) [negative, text] = [true, paren[1]!.trim()];
  text = text.replace(/[\s,']/g, '');
  if (text.startsWith('-')) [negative, text] = [!negative, text.slice(1)];
  else if (text.startsWith('+')) text = text.slice(1);
  if (/^\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text) || /^\.\d+$/.test(text)) {
    const value = /[eE]/.test(text) ? String(Number(text)) : text.replace(/^0+(?=\d)/, '');
    return { ok: true, value: negative && Number(value) !== 0 ? `-${value}` : value };
  }
  return { ok: false, message: `"${cell}" is not a number` };
}

export function parseNumber(cell: string | number): Parsed<number> {
  const parsed = parseDecimal(cell);
  return parsed.ok ? { ok: true, value: Number(parsed.value) } : parsed;
}

/** "12%" → 0.12, "12.5 %" → 0.125; a bare number is already the ratio (as Excel stores 12 %). */
export function parsePercent(cell: string | number): Parsed<number> {
  if (typeof cell === 'string' && /[%％]\s*$/.test(cell.trim())) {
    const parsed = parseDecimal(cell.trim().replace(/[%％]\s*$/, ''));
    if (!parsed.ok) return { ok: false, message: `"${cell}" is not a percentage` };
    return { ok: true, value: shiftDecimal(parsed.value, -2) };
  }
  return parseNumber(cell);
}

/** Money: "¥1,234.50", "1,234.50 CNY", "USD 12.30", "(99.00)"; the amount stays a decimal string. */
export function parseMoney(cell: string | number): Parsed<{ amount: string; currency?: string }> {
  if (typeof cell === 'number') {
    const parsed = parseDecimal(cell);
    return parsed.ok ? { ok: true, value: { amount: parsed.value } } : parsed;
  }
  let text = cell.normalize('NFKC').trim();
  let currency: string | undefined;
  const code = /^([A-Za-z]{3})\s*(.+)$/.exec(text) ?? /^(.+?)\s*([A-Za-z]{3})$/.exec(text);
  if (code) {
    const [a, b] = [code[1]!, code[2]!];
    const isFirst = /^[A-Za-z]{3}$/.test(a);
    currency = (isFirst ? a : b).toUpperCase();
    text = isFirst ? b : a;
  }
  const symbol = /^(-?)\s*([¥￥$€£])\s*(.+)$/.exec(text);
  if (symbol) {
    currency ??= SYMBOL_CURRENCY[symbol[2]!];
    text = `${symbol[1]}${symbol[3]}`;
  }
  const parsed = parseDecimal(text);
  if (!parsed.ok) return { ok: false, message: `"${cell}" is not an amount of money` };
  return { ok: true, value: currency ? { amount: parsed.value, currency } : { amount: parsed.value } };
}

/** Moves the decimal point of a decimal string by `places` (exact, no float rounding). */
function shiftDecimal(value: string, places: number): number {
  return Number(`${value}e${places}`);
}
