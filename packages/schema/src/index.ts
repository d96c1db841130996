/**
 * @tessera/schema — the metamodel of the pack format: TypeBox schemas (one source of truth for
 * the TypeScript types and the JSON Schemas under schemas/) and ajv validators. No I/O.
 */

export { type Action, ActionSchema, type ActionType, FieldValuesSchema } from './action/action.schema.js';

export { type Assignee, AssigneeSchema, type Recipient, RecipientSchema } from './action/assignee.schema.js';
export * from './common/index.js';
export {
  type DashboardDefinition,
  DashboardFilterSchema,
  DashboardSchema,
  type DashboardWidget,
  DashboardWidgetSchema,
} from './dashboard/dashboard.schema.js';
// The error catalogue: every code, its category (HTTP status, logging) and its messages.
export * from './errors/index.js';
// The field-type registry: one file per type (settings, value schema, column, kind, display).
export * from './field-types/index.js';
export { type FlowDefinition, type FlowEdge, FlowEdgeSchema, FlowSchema } from './flow/flow.schema.js';
export {
  APPROVAL_ACTIONS,
  ApprovalActionSchema,
  FieldAccessSchema,
  type FlowNode,
  FlowNodeSchema,
  type FlowNodeType,
} from './flow/flow-node.schema.js';
// The form schema (its own section of the metamodel): every field type, the layout.
export * from './form/index.js';
export { fillReference, referenceUpToDate, renderReference } from './generate/render-reference.js';
export { renderSchemas, schemaFileName } from './generate/render-schemas.js';
export {
  EnvVarName,
  MESSENGER_CHANNEL,
  MESSENGER_VENDORS,
  type Messaging,
  MessagingSchema,
  type Messenger,
  MessengerSchema,
  type MessengerVendor,
} from './pack/messenger.schema.js';
export { type PackManifest, PackManifestSchema } from './pack/pack-manifest.schema.js';
export {
  BARCODE_SYMBOLOGIES,
  PrintAsset,
  PrintText,
} from './print/print-common.schema.js';
export {
  type PrintBand,
  type PrintBandItem,
  PrintBandItemSchema,
  PrintBandSchema,
  type PrintBlock,
  PrintBlockSchema,
  PrintColumnSchema,
  PrintFieldItemSchema,
  PrintSignatureSchema,
} from './print/print-element.schema.js';
export {
  PAGE_SIZES,
  PRINT_LOCALES,
  PrintPageSchema,
  type PrintTemplateDefinition,
  PrintTemplateSchema,
} from './print/print-template.schema.js';
export { type DocumentOf, SCHEMA_KINDS, SCHEMAS, type SchemaKind } from './registry.js';
export { CHART_TYPES, type Chart, ChartSchema, type ChartType } from './report/chart.schema.js';
export {
  DATE_BUCKETS,
  DateRangeSchema,
  type QueryDimension,
  QueryDimensionSchema,
  QueryJoinSchema,
  type QueryMeasure,
  QueryMeasureSchema,
  type QueryModel,
  QuerySchema,
  QueryStageSchema,
  RELATIVE_DATE_RANGES,
} from './report/query.schema.js';
export { type ReportDefinition, ReportSchema } from './report/report.schema.js';
export {
  FORM_PERMISSIONS,
  type FormGrant,
  FormGrantSchema,
  type FormPermission,
  type RoleDefinition,
  RoleSchema,
  type RolesDefinition,
  RolesSchema,
  type RowScope,
  RowScopeSchema,
} from './roles/roles.schema.js';
export { type RuleDefinition, RuleSchema } from './rule/rule.schema.js';
export { type RuleTrigger, RuleTriggerSchema, type RuleTriggerType } from './rule/rule-trigger.schema.js';
export { createAjv } from './validation/ajv-instance.js';
export { closest as closestWord } from './validation/closest-word.js';
export type { SchemaError, ValidationResult } from './validation/schema-error.js';
export { comparePaths, translateErrors } from './validation/translate-errors.js';
export { isSchemaKind, validate, validatorFor } from './validation/validate.js';
