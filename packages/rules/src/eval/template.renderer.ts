import type { Label } from '@tessera/schema';
import { valueAt } from './path-value';

export type Locale = 'en' | 'zh-CN';

/** The recipient's language, or the text's other language when it has only one. */
export function pickText(label: Label, locale: string): string {
  const wanted = locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  return label[wanted] ?? label[wanted === 'en' ? 'zh-CN' : 'en'] ?? '';
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$]*(?:\.[\w$]+)*)\s*\}\}/g;

/**
 * Replaces `{{ path }}` with the value at that path of `data` (empty when missing) — a user field
 * by the person's name that the record data carries under `$names`. Pure text substitution: no
 * expressions, no HTML; a value is never re-scanned for placeholders.
 */
export function renderTemplate(text: string, data: unknown): string {
  const names = (data as { $names?: Record<string, unknown> } | null)?.$names;
  return text.replace(PLACEHOLDER, (_, path: string) => {
    const name = names && Object.hasOwn(names, path) ? names[path] : undefined;
    return typeof name === 'string' && name !== '' ? name : format(valueAt(data, path));
  });
}

function format(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(format).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return format(record.name ?? record.title ?? record.id ?? JSON.stringify(value));
  }
  return String(value);
}

/** Renders a localized template for one locale. */
export function renderLabel(label: Label | undefined, locale: string, data: unknown): string {
  return label ? renderTemplate(pickText(label, locale), data) : '';
}
