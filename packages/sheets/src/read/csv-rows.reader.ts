import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { SheetRow } from '../model/sheet-types';

/**
 * Streams the records of a CSV file (csv-parse: quotes, embedded new lines, a UTF-8 BOM): row 1
 * is the header. Empty lines keep their number (as Excel shows them) and come out as blank rows.
 */
export async function* readCsvRows(
  input: Readable,
  options: { delimiter?: string } = {},
): AsyncGenerator<SheetRow> {
  const parser = input.pipe(
    parse({
      bom: true,
      delimiter: options.delimiter ?? ',',
      relax_column_count: true,
      skip_empty_lines: false,
    }),
  );
  input.once('error', (error) => parser.destroy(error));
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    row += 1;
    yield { row, cells: record };
  }
}
