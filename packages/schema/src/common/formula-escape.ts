/**
 * CSV/XLSX formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return as a formula (`=HYPERLINK(…)`, `+cmd|…`,
 * `@SUM(…)`, `-2+3`). Every writer of a download passes its text cells through `escapeFormula`,
 * which prefixes `'` so the cell stays text. A plain number (`-12`, `-1,234.50`, `-12.5%`, `1e-3`)
 * carries no formula and is left as it is, so negative amounts still read as numbers; typed
 * number cells never come here. Text that already starts with quotes before a trigger gets one
 * more, so `unescapeFormula` (the importer) gives every exported value back exactly.
 */

const TRIGGER = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?$/;

/** The text a spreadsheet shows as text, never runs as a formula. */
export function escapeFormula(text: string): string {
  return TRIGGER.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** The value behind an escaped cell (what `escapeFormula` was given); other text unchanged. */
export function unescapeFormula(text: string): string {
  return text.startsWith("'") && TRIGGER.test(text.slice(1)) && !PLAIN_NUMBER.test(text.slice(1))
    ? text.slice(1)
    : text;
}
