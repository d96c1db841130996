/**
 * @tessera/access — who may do what: a user's roles on an app resolved into pure `FormAccess`
 * data (actions, row scopes, hidden and read-only fields), row scopes compiled to SQL, field
 * masks, the records service's access port, and the report query check. See README.md.
 */
export { maskValues, narrowTaskView, type TaskRecordView, taskWriteRefusals } from './mask/field-mask';
export { maskFormDefinition } from './mask/form-definition.mask';
export { rowFieldKeys, withoutRowFields } from './mask/row-field-keys';
export {
  ALL_ROWS,
  type AppAccess,
  allows,
  type FlowPermission,
  type FormAccess,
  type FormAction,
  formAccessOf,
  fullAccess,
  NO_ROWS,
  noAccess,
  ROW_ACTIONS,
  type RowAction,
  type RowRule,
  type RowScope,
  type UserFacts,
} from './model/form-access';
export { recordsAccess } from './records/records-access.adapter';
export { type AccessIssue, checkReportQuery } from './reports/report-access.checker';
export { type AccessCache, createAccessCache } from './resolve/access.cache';
export { loadAppAccess } from './resolve/app-access.loader';
export { type ResolveInput, resolveAppAccess } from './resolve/grants.resolver';
export { rowCondition, type ScopeTarget, userVariables, withUserValues } from './sql/row-scope.compiler';
