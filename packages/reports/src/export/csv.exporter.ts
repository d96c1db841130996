import type { ResultColumn } from '../compiler/result-column';
import type { ReportResult } from '../runner/report.runner';

/** Byte-order mark: Excel opens a UTF-8 CSV with Chinese text correctly only with it. */
const BOM = '\uFEFF';

/**
 * A result as CSV (RFC 4180): a header row of column keys (or the given titles), CRLF line ends,
 * fields quoted when needed. Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * tab, CR at the start) is prefixed with `'` — CSV injection.
 */
export function toCsv(result: ReportResult, titles: Readonly<Record<string, string>> = {}): string {
  const columns = result.columns.filter((c) => c.role !== 'grouping');
  const lines = [columns.map((c) => quote(titles[c.key] ?? c.key))];
  for (const row of result.rows) lines.push(columns.map((c) => cell(row[c.key], c)));
  return `${BOM}${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

function cell(value: unknown, column: ResultColumn): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return quote(JSON.stringify(value));
  const text = String(value);
  return quote(column.type === 'text' ? defuse(text) : text);
}

function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
