/**
 * `"客户：{{ customer.name }}，共 {{ $pages }} 页"` → parts. A placeholder is `{{ path }}` or
 * `{{ path | format }}` — the `{{ path }}` of rule and flow texts, plus a format. Pure.
 */
export const PRINT_FORMATS = ['capitals', 'figures', 'date', 'date_iso', 'datetime', 'raw'] as const;
export type PrintFormat = (typeof PRINT_FORMATS)[number];

export const SYSTEM_VALUES = ['$page', '$pages', '$now', '$user', '$title'] as const;
export type SystemValue = (typeof SYSTEM_VALUES)[number];

export type TextPart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'value'; readonly path: string; readonly format?: PrintFormat };

export type ParsedText =
  | { readonly ok: true; readonly parts: readonly TextPart[] }
  | { readonly ok: false; readonly message: string };

const PLACEHOLDER = /^(\$[a-z]+|[a-z][a-z0-9_]{0,62}(?:\.[a-z][a-z0-9_]{0,62})*)(?:\s*\|\s*([a-z_]+))?$/;

export function parseText(text: string): ParsedText {
  const parts: TextPart[] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('{{', at);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    if (close < 0) return { ok: false, message: `"{{" at ${open} is not closed by "}}"` };
    const inner = text.slice(open + 2, close).trim();
    const m = PLACEHOLDER.exec(inner);
    if (!m) return { ok: false, message: `{{ ${inner} }} is not a field path such as {{ customer.name }}` };
    const path = m[1]!;
    const format = m[2];
    if (path.startsWith('$') && !(SYSTEM_VALUES as readonly string[]).includes(path))
      return { ok: false, message: `{{ ${inner} }}: the system values are ${SYSTEM_VALUES.join(', ')}` };
    if (format !== undefined && !(PRINT_FORMATS as readonly string[]).includes(format))
      return { ok: false, message: `{{ ${inner} }}: the formats are ${PRINT_FORMATS.join(', ')}` };
    if (open > at) parts.push({ kind: 'literal', text: text.slice(at, open) });
    parts.push({ kind: 'value', path, ...(format ? { format: format as PrintFormat } : {}) });
    at = close + 2;
  }
  if (at < text.length) parts.push({ kind: 'literal', text: text.slice(at) });
  return { ok: true, parts };
}
