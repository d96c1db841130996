import { AuditEntry } from './audit.schemas';
import { MeOut, SessionOut } from './auth.schemas';
import { TaskDetailOut, TimelineOut } from './flows.schemas';
import { FormChangePlanSchema } from './form-plan.schemas';
import { AppRole, Department, OrgUser } from './org.schemas';
import { PACK_FORMAT_COMPONENTS } from './pack-format.components';
import { PackPlanSchema } from './pack-plan.schemas';
import { ProblemSchema } from './problem.schema';
import { RecordOut } from './records.schemas';
import { ChartRenderSchema, FilterValueSchema, ReportResultSchema } from './report-result.schemas';
import { FieldValueSchema, FileReferenceSchema, JsonValueSchema, MoneySchema } from './values.schemas';

/**
 * Every schema routes reference by `$id` (`{ $ref: 'Record#' }`): the server adds them once, and
 * they become the components of /api/openapi.json.
 */
export const SHARED_SCHEMAS = [
  ProblemSchema,
  JsonValueSchema,
  FieldValueSchema,
  MoneySchema,
  FileReferenceSchema,
  RecordOut,
  FormChangePlanSchema,
  PackPlanSchema,
  ReportResultSchema,
  ChartRenderSchema,
  FilterValueSchema,
  TaskDetailOut,
  TimelineOut,
  SessionOut,
  MeOut,
  OrgUser,
  Department,
  AppRole,
  AuditEntry,
  ...PACK_FORMAT_COMPONENTS,
] as const;

/** The `$id`s of the pack format's own schemas (their shape is the pack format's, tested there). */
export const PACK_FORMAT_SCHEMA_IDS: readonly string[] = PACK_FORMAT_COMPONENTS.map((s) => s.$id as string);
