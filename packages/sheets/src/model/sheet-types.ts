import type { Cell, FieldDefinition, LabelLanguage, LineItemFieldDefinition } from '@tessera/schema';

/** A field of a form or of a line-items row. */
export type SheetField = FieldDefinition | LineItemFieldDefinition;

/** A cell as the readers hand it over (the registry's cell codecs read it). */
export type { Cell };

/** One data row of a sheet: its 1-based row number in the sheet (the header is row 1) and its cells. */
export interface SheetRow {
  readonly row: number;
  readonly cells: readonly Cell[];
}

/** A problem with one row (or, row 0, with the file as a whole), as the import report lists it. */
export interface RowProblem {
  /** 1-based sheet row (the header is row 1); 0 for the file as a whole. */
  readonly row: number;
  /** The column header, when the problem is about one cell. */
  readonly column: string | null;
  /** The field key, when the problem is about one field. */
  readonly field: string | null;
  readonly message: string;
}

export type DuplicateMode = 'update' | 'skip';
export type ImportMode = 'all_or_nothing' | 'valid_rows_only';
export type SheetFormat = 'csv' | 'xlsx';

export interface ImportOptions {
  /** Header → field key (or null to ignore the column); overrides the automatic mapping. */
  readonly mapping?: Readonly<Record<string, string | null>>;
  /** The field that identifies a record (e.g. the customer code); enables duplicate detection. */
  readonly key?: string;
  /** What a row whose key matches an existing record does (default `skip`). */
  readonly duplicates?: DuplicateMode;
  readonly mode?: ImportMode;
  /** Validate and report everything, write nothing. */
  readonly dryRun?: boolean;
  /** Rows per chunk (default 2000; every chunk costs a few statements whatever its size): memory and transaction size stay flat whatever the file size. */
  readonly chunkSize?: number;
  /** IANA zone of datetimes written without an offset (default: the service's, else UTC). */
  readonly timeZone?: string;
}

/** `interrupted`: its server process ended while it was queued or running (see interruptOrphanedImports). */
export type ImportStatus = 'queued' | 'running' | 'done' | 'failed' | 'interrupted';

/** Counters of an import, updated after every chunk. */
export interface ImportCounts {
  readonly rowsRead: number;
  readonly rowsCreated: number;
  readonly rowsUpdated: number;
  readonly rowsSkipped: number;
  readonly rowsFailed: number;
}

export const LANGUAGES: readonly LabelLanguage[] = ['zh-CN', 'en'];
