import type { Label } from '../../common/label';
import { normaliseLabel } from './label-name';
import type { Parsed } from './parsed';

/** zh-CN first: a label that two options share in different languages names the zh-CN one. */
const LANGUAGES = ['zh-CN', 'en'] as const;

type Options = readonly { value: string; label: Label }[];
const indexes = new WeakMap<Options, Map<string, string>>();

/** An option by its value or its label in zh-CN or en (case, width and spaces ignored). */
export function parseOption(options: Options, text: string): Parsed<string> {
  let index = indexes.get(options);
  if (!index) {
    index = new Map();
    for (const option of options) {
      for (const name of [option.value, ...LANGUAGES.map((l) => option.label[l])]) {
        if (name !== undefined && !index.has(normaliseLabel(name)))
          index.set(normaliseLabel(name), option.value);
      }
    }
    indexes.set(options, index);
  }
  const value = index.get(normaliseLabel(text));
  if (value !== undefined) return { ok: true, value };
  const names = options.map((o) => o.label['zh-CN'] ?? o.label.en ?? o.value).join(', ');
  return { ok: false, message: `"${text}" is not one of the options (${names})` };
}

/** Several values in one cell: separated by ; , ， 、 | or new lines. */
export function splitList(text: string): string[] {
  return text
    .split(/[;；,，、|\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const TRUE = new Set(['true', 'yes', 'y', '1', '是', '对', '√', '✓', 'x', 't', 'on', '真']);
const FALSE = new Set(['false', 'no', 'n', '0', '否', '错', '×', '✗', 'f', 'off', '假']);

export function parseBoolean(cell: string | number | boolean): Parsed<boolean> {
  if (typeof cell === 'boolean') return { ok: true, value: cell };
  const text = String(cell).trim().toLowerCase();
  if (TRUE.has(text)) return { ok: true, value: true };
  if (FALSE.has(text)) return { ok: true, value: false };
  return { ok: false, message: `"${cell}" is not yes/no (是/否, yes/no, true/false, 1/0)` };
}
