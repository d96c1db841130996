import { escapeFormula } from '@tessera/schema';
import type { ReportResult } from '../runner/report.runner';

/** Byte-order mark: Excel opens a UTF-8 CSV with Chinese text correctly only with it. */
const BOM = '\uFEFF';

/**
 * A result as CSV (RFC 4180): a header row of column keys (or the given titles), CRLF line ends,
 * fields quoted when needed. Every cell and title passes `escapeFormula` (CSV injection: text a
 * spreadsheet would run as a formula gets a `'`; plain numbers stay numbers).
 */
export function toCsv(result: ReportResult, titles: Readonly<Record<string, string>> = {}): string {
  const columns = result.columns.filter((c) => c.role !== 'grouping');
  const lines = [columns.map((c) => quote(escapeFormula(titles[c.key] ?? c.key)))];
  for (const row of result.rows) lines.push(columns.map((c) => cell(named(row[c.key], c.names))));
  return `${BOM}${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return quote(escapeFormula(typeof value === 'object' ? JSON.stringify(value) : String(value)));
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A user's or department's display name instead of its id (exports are read by people). */
export function named(value: unknown, names: Readonly<Record<string, string>> | undefined): unknown {
  return names && typeof value === 'string' && Object.hasOwn(names, value) ? names[value] : value;
}
