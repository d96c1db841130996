import type { Static, TSchema } from '@sinclair/typebox';
import { DashboardSchema } from './dashboard/dashboard.schema.js';
import { FlowSchema } from './flow/flow.schema.js';
import { FormSchema } from './form/index.js';
import { PackManifestSchema } from './pack/pack-manifest.schema.js';
import { PrintTemplateSchema } from './print/print-template.schema.js';
import { ReportSchema } from './report/report.schema.js';
import { RolesSchema } from './roles/roles.schema.js';
import { RuleSchema } from './rule/rule.schema.js';

/**
 * Every top-level schema of the pack format, by kind. The kind is also the file name of the
 * generated schema: `schemas/<kind>.schema.json`.
 */
export const SCHEMAS = {
  pack: PackManifestSchema,
  form: FormSchema,
  flow: FlowSchema,
  rule: RuleSchema,
  report: ReportSchema,
  dashboard: DashboardSchema,
  print: PrintTemplateSchema,
  roles: RolesSchema,
} as const satisfies Record<string, TSchema>;

export type SchemaKind = keyof typeof SCHEMAS;
export const SCHEMA_KINDS = Object.keys(SCHEMAS) as SchemaKind[];

/** The TypeScript type of a document of each kind. */
export type DocumentOf<K extends SchemaKind> = Static<(typeof SCHEMAS)[K]>;
