import type { AnyField } from '@tessera/logic/browser';
import { optionsOf } from './select-options';

/**
 * A cell pasted from a spreadsheet as the field's value: numbers without thousands separators,
 * money in the field's currency, options by value or by label in any language, dates as
 * YYYY-MM-DD, yes/no words. Undefined when the text does not fit (the cell is left as it was).
 */
export function pastedValue(field: AnyField, text: string): unknown {
  const raw = text.trim();
  if (raw === '') return null;
  const number = () => {
    const n = Number(raw.replace(/[,\s¥$€£]/g, '').replace(/%$/, ''));
    return Number.isFinite(n) ? n : undefined;
  };
  switch (field.type) {
    case 'number':
      return number();
    case 'integer': {
      const n = number();
      return n === undefined ? undefined : Math.round(n);
    }
    case 'percent': {
      const n = number();
      return n === undefined ? undefined : raw.endsWith('%') ? n / 100 : n;
    }
    case 'money': {
      const n = number();
      const currency = 'currency' in field ? field.currency : 'CNY';
      return n === undefined ? undefined : { amount: n.toFixed(2), currency };
    }
    case 'boolean':
      return /^(1|true|yes|y|是|对|✓)$/i.test(raw)
        ? true
        : /^(0|false|no|n|否|✗)$/i.test(raw)
          ? false
          : undefined;
    case 'single_select': {
      const o = optionsOf(field).find((opt) => opt.value === raw || Object.values(opt.label).includes(raw));
      return o?.value;
    }
    case 'date': {
      const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/.exec(raw);
      return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : undefined;
    }
    case 'text':
    case 'long_text':
    case 'email':
    case 'phone':
    case 'url':
      return raw;
    default:
      return undefined;
  }
}

/** Clipboard text of a spreadsheet selection: rows of tab-separated cells. */
export function parseClipboardGrid(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => line.split('\t'));
}
