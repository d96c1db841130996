/**
 * @tessera/sheets — CSV and XLSX in and out of forms. Import: read a stream (read/), bind columns
 * to fields (mapping/), convert cells by field type (convert/), write chunks through the records
 * service (import/). Export: page through the records service's list and write CSV or XLSX
 * (export/). See README.md.
 */

export { type ConvertContext, convertCell, isBlank, type RefResolver } from './convert/cell-value.converter';
export { exportForms } from './export/lookup-columns';
export { writeProblemReport } from './export/problem-report.writer';
export { exportColumns, exportSheet, type SheetExportRequest } from './export/sheet-export.runner';
export { displayField, identifyingFields } from './import/identifying-fields';
export {
  finishImportJob,
  type ImportJob,
  insertImportJob,
  markImportRunning,
  readImportJob,
  readImportProblems,
} from './import/import-job.repository';
export {
  IMPORT_OWNER_LOCK_SPACE,
  ImportOwnerLock,
  INTERRUPTED_MESSAGE,
  interruptOrphanedImports,
} from './import/import-owner.lock';
export {
  type ImportOutcome,
  type ImportPath,
  type ImportReport,
  importSheet,
  type SheetImportRequest,
} from './import/sheet-import.runner';
export { type ColumnMapping, type MappedColumn, planColumnMapping } from './mapping/column-mapping.planner';
export type {
  Cell,
  DuplicateMode,
  ImportCounts,
  ImportMode,
  ImportOptions,
  ImportStatus,
  RowProblem,
  SheetFormat,
  SheetRow,
} from './model/sheet-types';
export { SheetsError, type SheetsErrorCode } from './model/sheets.error';
export { readSheetRows, sheetFormatOf } from './read/sheet-rows.reader';
