import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { escapeFormula } from '@tessera/schema';
import { stringify } from 'csv-stringify';
import type { RowProblem } from '../model/sheet-types';

/**
 * Writes an import's per-row report as CSV (UTF-8 with BOM): row, column, field, message. The
 * column is the uploaded file's header and the message may quote a cell: both are escaped.
 */
export async function writeProblemReport(problems: readonly RowProblem[], path: string): Promise<void> {
  const csv = stringify({
    bom: true,
    header: true,
    columns: ['row', 'column', 'field', 'message'],
    record_delimiter: 'windows',
  });
  const done = pipeline(csv, createWriteStream(path));
  for (const p of problems)
    csv.write([p.row, escapeFormula(p.column ?? ''), escapeFormula(p.field ?? ''), escapeFormula(p.message)]);
  csv.end();
  await done;
}
