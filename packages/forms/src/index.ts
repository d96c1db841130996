/**
 * @tessera/forms — the form engine. This part: form definitions become Postgres tables
 * (model → physical model → diff → migration plan → one-transaction publish). See README.md.
 */

export { formulaResult } from '@tessera/logic';
export { type AppSummary, type FormSummary, listApps, listForms } from './catalog/app-catalog.reader';
export type { FileReference } from './files/attachment-refs';
export { claimSweepable, deleteFileRows, type FileRow, insertFile, readFile } from './files/file.repository';
export type { UploadTarget } from './files/record-files.reader';
export { createFormService } from './form.service';
// Records half: validation, formulas, rollups, lookups, auto-numbers, line items, the records service.
export { computeFormulas } from './formulas/formula.evaluator';
export { RECOMPUTE_TASK, runRecomputeJob } from './formulas/stored-values.recompute';
export { carryOverDeletedFields } from './model/deleted-fields.normalizer';
export { fieldExpressionErrors } from './model/field-expressions.validator';
export type { Actor, Clock } from './model/forms-context';
export { calendarDate } from './numbering/auto-number.pattern';
export { type AutoNumberColumn, autoNumberSql, sequenceCte } from './numbering/auto-number.statement';
export { fieldResolver } from './records/field-column.resolver';
export type { FormRuntime } from './records/form-runtime';
export type { StoredRecord } from './records/record.repository';
export { createRecordService, type ListPage, type RecordService } from './records/record.service';
export type { FormGate, RecordsAccess } from './records/record-access';
export {
  expandRecordEvents,
  type HistoryEntry,
  RECORD_EVENT_BATCH_TASK,
  RECORD_EVENT_TASK,
  RECORD_EVENTS_SETTING,
  type RecordEvent,
  type RecordEventBatch,
  suppressRecordEvents,
} from './records/record-change.writer';
export type { ImportCreateResult } from './records/record-import.runner';
export type { ListQuery, SortKey } from './records/record-list.query';
export type { RecordValues } from './records/record-value.mapper';
export { type FieldError, RecordsError } from './records/records.error';
export { checkAction, checkAssignee, checkLogic } from './references/action-reference.checker';
export {
  checkFieldRef,
  checkFormRef,
  checkNamedRef,
  DATE_TYPES,
  describeField,
  type FieldResolution,
  NUMBER_TYPES,
  resolveField,
} from './references/field-reference.checker';
export { publishedScope } from './references/published-scope.reader';
export {
  type FieldInfo,
  type ReferenceIssueCode,
  type ReferenceReport,
  type ReferenceScope,
  referenceScope,
} from './references/reference-scope';
export { analyzeAppTables } from './tables/app-statistics.runner';
export { type ColumnType, renderColumnType } from './tables/column-type';
export { fieldColumns, valueColumnType } from './tables/field-columns.mapper';
export { type FormChangePlan, planFormChange } from './tables/form-change.planner';
export { publish } from './tables/form-publish.runner';
export { ident } from './tables/identifier';
export type { PlanRefusal } from './tables/migration-action';
export { appSchemaName, currencyColumnName, objectName } from './tables/physical-name';
export {
  appStatisticsObject,
  lineItemsTable,
  readStoredRow,
  recordColumns,
  recordTable,
  recordTableName,
} from './tables/record-table.sql';
export { FILTERABLE_SYSTEM_COLUMNS, SYSTEM_COLUMNS } from './tables/system-columns';
export { formTableModel } from './tables/table-model.mapper';
