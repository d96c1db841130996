import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { RecordService, SortKey, StoredRecord } from '@tessera/forms';
import { escapeFormula, type FormDefinition, type LabelLanguage } from '@tessera/schema';
import { stringify } from 'csv-stringify';
import { type Kysely, sql } from 'kysely';
import { displayField } from '../import/identifying-fields';
import type { SheetField, SheetFormat } from '../model/sheet-types';
import { SheetsError } from '../model/sheets.error';
import { type FormatContext, fieldLabel, formatCell, type OutCell } from './cell-format';
import { cellFieldOf } from './lookup-columns';

export interface SheetExportRequest {
  /** For user names (tessera.users). */
  readonly db: Kysely<any>;
  /** The records service of the caller: its row scope and hidden fields decide what is exported. */
  readonly records: RecordService;
  readonly app: string;
  readonly form: FormDefinition;
  /** Published definitions of the forms the exported links and lookups point to (see `exportForms`). */
  readonly linkedForms?: ReadonlyMap<string, FormDefinition>;
  readonly format: SheetFormat;
  readonly output: Writable;
  readonly lang?: LabelLanguage;
  readonly timeZone?: string;
  readonly filter?: unknown;
  readonly sort?: readonly SortKey[];
  /** Field keys, in order (default: every live field). */
  readonly columns?: readonly string[];
  /** Rows per page of the list (default 500, the list's maximum). */
  readonly pageSize?: number;
}

/** The fields an export writes: the requested ones in order, else every live field. */
export function exportColumns(form: FormDefinition, keys?: readonly string[]): SheetField[] {
  const live = form.fields.filter((f) => f.deleted !== true) as SheetField[];
  if (!keys || keys.length === 0) return live;
  const unknown = keys.filter((k) => !live.some((f) => f.key === k));
  if (unknown.length > 0)
    throw new SheetsError('SHEET_OPTIONS_INVALID', `no field ${unknown.join(', ')} in form ${form.key}`);
  return keys.map((k) => live.find((f) => f.key === k)!);
}

/**
 * Streams every matching record as CSV (UTF-8 with a BOM, so Excel reads Chinese) or XLSX
 * (exceljs' streaming writer), page by page through the records service's keyset list, so
 * memory stays flat and the caller's row scope and hidden fields apply. Fields the service hides
 * from the caller are dropped from the columns. Text cells pass `escapeFormula` (formula
 * injection; the importer takes the `'` off again); numbers stay numbers. Returns the row count.
 */
export async function exportSheet(request: SheetExportRequest): Promise<number> {
  const lang = request.lang ?? 'zh-CN';
  const users = new Map<string, string>();
  const titles = new Map<string, string>();
  const formOf = (key: string) => request.linkedForms?.get(key);
  const ctx: FormatContext = {
    lang,
    timeZone: request.timeZone ?? 'UTC',
    userName: (id) => users.get(id),
    formOf,
    recordTitle: (form, id) => titles.get(`${form}:${id}`),
  };
  let columns = exportColumns(request.form, request.columns);
  const formFields = request.form.fields as readonly SheetField[];
  const expand = columns.filter((f) => f.type === 'link' || f.type === 'line_items').map((f) => f.key);
  const sink = request.format === 'xlsx' ? await xlsxSink(request.output) : csvSink(request.output);
  let count = 0;
  let cursor: string | undefined;
  let first = true;
  do {
    const page = await request.records.list(request.app, request.form.key, {
      ...(request.filter === undefined ? {} : { filter: request.filter }),
      ...(request.sort === undefined ? {} : { sort: request.sort }),
      limit: request.pageSize ?? 500,
      expand,
      ...(cursor ? { cursor } : {}),
    });
    if (first) {
      // a hidden field is absent from every record the caller reads: leave its column out
      if (page.items.length > 0) columns = columns.filter((f) => page.items.some((r) => f.key in r));
      await sink.header(columns.map((f) => escapeFormula(fieldLabel(f, lang))));
      first = false;
    }
    // a lookup is written as its source field (option label, user name, linked title, money)
    const cells = columns.map((f) => ({ key: f.key, field: cellFieldOf(f, formFields, formOf) }));
    await loadUserNames(request.db, cells, page.items, users);
    await loadLinkedTitles(request, cells, page.items, titles);
    for (const record of page.items) {
      await sink.row(cells.map((c) => defused(formatCell(c.field, record[c.key], ctx))));
      count += 1;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  await sink.end();
  return count;
}

/** A text cell a spreadsheet would run as a formula, escaped; typed numbers as they are. */
function defused(cell: OutCell): OutCell {
  return typeof cell === 'string' ? escapeFormula(cell) : cell;
}

interface Sink {
  header(labels: string[]): Promise<void>;
  row(cells: OutCell[]): Promise<void>;
  end(): Promise<void>;
}

function csvSink(output: Writable): Sink {
  const csv = stringify({ bom: true, record_delimiter: 'windows' });
  csv.pipe(output);
  const write = async (cells: OutCell[]) => {
    if (!csv.write(cells.map((c) => (c === null ? '' : String(c))))) await once(csv, 'drain');
  };
  return {
    header: write,
    row: write,
    async end() {
      csv.end();
      await once(output, 'finish').catch(() => undefined);
    },
  };
}

async function xlsxSink(output: Writable): Promise<Sink> {
  // loaded on first use: exceljs is large and the server's start does not need it
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet('Sheet1');
  return {
    async header(labels) {
      const row = sheet.addRow(labels);
      row.font = { bold: true };
      row.commit();
    },
    async row(cells) {
      sheet.addRow(cells).commit();
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

/** A column: the record key it reads and the field whose codec writes it. */
interface CellColumn {
  readonly key: string;
  readonly field: SheetField;
}

function idsOf(value: unknown): string[] {
  return (Array.isArray(value) ? value : value ? [value] : [])
    .filter((v) => typeof v === 'string')
    .map(String);
}

/**
 * Titles of the records looked-up links point to (an order's customer's sales region): one list
 * per target form and page, as the caller (a record they may not read keeps its id).
 */
async function loadLinkedTitles(
  request: SheetExportRequest,
  columns: readonly CellColumn[],
  records: readonly StoredRecord[],
  titles: Map<string, string>,
): Promise<void> {
  const wanted = new Map<string, Set<string>>();
  for (const { key, field } of columns) {
    if (field.type !== 'link' || key === field.key) continue; // own links come expanded
    const ids = wanted.get(field.form) ?? new Set<string>();
    for (const record of records)
      for (const id of idsOf(record[key])) if (!titles.has(`${field.form}:${id}`)) ids.add(id);
    wanted.set(field.form, ids);
  }
  for (const [form, ids] of wanted) {
    const definition = request.linkedForms?.get(form);
    const title = definition ? displayField(definition) : undefined;
    if (!title || ids.size === 0) continue;
    const page = await request.records.list(request.app, form, {
      filter: { in: [{ var: 'id' }, [...ids]] },
      limit: Math.min(500, ids.size),
    });
    for (const linked of page.items) {
      const shown = linked[title.key];
      if (typeof shown === 'string' && shown !== '') titles.set(`${form}:${linked.id}`, shown);
    }
  }
}

async function loadUserNames(
  db: Kysely<any>,
  columns: readonly CellColumn[],
  records: readonly StoredRecord[],
  names: Map<string, string>,
): Promise<void> {
  const ids = new Set<string>();
  for (const { key, field } of columns) {
    if (field.type !== 'user') continue;
    for (const record of records) {
      const value = record[key];
      for (const id of Array.isArray(value) ? value : value ? [value] : [])
        if (!names.has(String(id))) ids.add(String(id));
    }
  }
  if (ids.size === 0) return;
  const rows = await sql<{ id: string; username: string; display_name: string }>`
    select id, username, display_name from tessera.users where id = any(${[...ids]}::uuid[])`.execute(db);
  for (const row of rows.rows) names.set(row.id, row.display_name || row.username);
}
