/**
 * @tessera/forms — the form engine. This part: form definitions become Postgres tables
 * (model → physical model → diff → migration plan → one-transaction publish). See README.md.
 */

export { formulaResult } from '@tessera/logic';
export { type AppSummary, type FormSummary, listApps, listForms } from './catalog/app-catalog.reader';
export { FormsError, type FormsErrorCode } from './errors/forms.error';
export type { FileReference } from './files/attachment-refs';
export {
  claimSweepable,
  deleteFileRows,
  type FileRow,
  insertFile,
  type NewFile,
  readFile,
  type SweepCandidate,
} from './files/file.repository';
export type { UploadTarget } from './files/record-files.reader';
export { createFormService, type FormService, type SaveDraftResult } from './form.service';
// Records half: validation, formulas, rollups, lookups, auto-numbers, line items, the records service.
export { computeFormulas } from './formulas/formula.evaluator';
export {
  RECOMPUTE_TASK,
  type RecomputePayload,
  runRecomputeJob,
} from './formulas/stored-values.recompute';
export { carryOverDeletedFields } from './model/deleted-fields.normalizer';
export { RESERVED_KEYS, validateFormDefinition } from './model/form-definition.validator';
export type { FormVersionRow } from './model/form-metadata.repository';
export type { Actor, Clock, FormsContext, FormVersionStatus } from './model/forms-context';
export {
  calendarDate,
  formatAutoNumber,
  periodKey,
  type ResetEvery,
  resetPeriod,
} from './numbering/auto-number.pattern';
export { nextAutoNumber } from './numbering/auto-number.runner';
export { type AutoNumberColumn, autoNumberSql, sequenceCte } from './numbering/auto-number.statement';
export { fieldResolver } from './records/field-column.resolver';
export { type FormRuntime, formRuntime } from './records/form-runtime';
export type { RecordMeta, StoredRecord } from './records/record.repository';
export {
  createRecordService,
  type ListPage,
  type RecordService,
  type RecordsContext,
  type RecordUpdate,
} from './records/record.service';
export type { FormGate, RecordAction, RecordsAccess } from './records/record-access';
export {
  expandRecordEvents,
  type FieldChanges,
  type HistoryEntry,
  RECORD_EVENT_BATCH_TASK,
  RECORD_EVENT_TASK,
  RECORD_EVENTS_SETTING,
  type RecordEvent,
  type RecordEventBatch,
  type RecordEventKind,
  suppressRecordEvents,
} from './records/record-change.writer';
export type { ImportCreateResult } from './records/record-import.runner';
export type { ListQuery, SortKey } from './records/record-list.query';
export type { RecordValues } from './records/record-value.mapper';
export { type FieldError, RecordsError, type RecordsErrorCode } from './records/records.error';
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
  type NamedKind,
  type ReferenceIssueCode,
  type ReferenceReport,
  type ReferenceScope,
  referenceScope,
} from './references/reference-scope';
export { analyzeAppTables } from './tables/app-statistics.runner';
export { type ColumnType, renderColumnType } from './tables/column-type';
export { type ColumnTypeChange, columnTypeChange } from './tables/column-type-change.planner';
export { runDataChecks } from './tables/data-check.runner';
export { fieldColumns, isNotNull, valueColumnType } from './tables/field-columns.mapper';
export { fieldConstraints } from './tables/field-constraints.mapper';
export { type FormChangeInput, type FormChangePlan, planFormChange } from './tables/form-change.planner';
export { type PublishOptions, type PublishResult, planPublish, publish } from './tables/form-publish.runner';
export { ident, isSqlIdentifier, SQL_IDENTIFIER_PATTERN } from './tables/identifier';
export type {
  DataCheck,
  MigrationAction,
  MigrationActionKind,
  OffendingRow,
  PlanNotice,
  PlanRefusal,
  RefusalCode,
} from './tables/migration-action';
export { objectName } from './tables/physical-name';
export { type PurgePlan, planPurgeField } from './tables/purge-field.planner';
export { type PurgeResult, purgeField } from './tables/purge-field.runner';
export {
  lineItemsTable,
  readStoredRow,
  recordColumnNames,
  recordColumns,
  recordTable,
} from './tables/record-table.sql';
export {
  CHILD_SYSTEM_COLUMNS,
  FILTERABLE_SYSTEM_COLUMNS,
  isSystemColumn,
  SYSTEM_COLUMN_SPECS,
  SYSTEM_COLUMNS,
  type SystemColumn,
} from './tables/system-columns';
export type {
  CheckModel,
  CheckSpec,
  ColumnModel,
  ForeignKeyModel,
  IndexModel,
  TableModel,
} from './tables/table-model';
export { formTableModel } from './tables/table-model.mapper';
export { checkRecord, type RecordCheck } from './validation/record.validator';
