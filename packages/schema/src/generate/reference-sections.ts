import type { TSchema } from '@sinclair/typebox';
import { ActionSchema } from '../action/action.schema.js';
import { AssigneeSchema, RecipientSchema } from '../action/assignee.schema.js';
import {
  DashboardFilterSchema,
  DashboardSchema,
  DashboardWidgetSchema,
} from '../dashboard/dashboard.schema.js';
import { FlowEdgeSchema, FlowSchema } from '../flow/flow.schema.js';
import { FlowNodeSchema } from '../flow/flow-node.schema.js';
import { MessengerSchema } from '../pack/messenger.schema.js';
import { PackManifestSchema } from '../pack/pack-manifest.schema.js';
import {
  PrintBandItemSchema,
  PrintBandSchema,
  PrintBlockSchema,
  PrintColumnSchema,
  PrintFieldItemSchema,
} from '../print/print-element.schema.js';
import { PrintPageSchema, PrintTemplateSchema } from '../print/print-template.schema.js';
import { ChartSchema } from '../report/chart.schema.js';
import {
  DateRangeSchema,
  QueryDimensionSchema,
  QueryJoinSchema,
  QueryMeasureSchema,
  QuerySchema,
} from '../report/query.schema.js';
import { ReportSchema } from '../report/report.schema.js';
import { FormGrantSchema, RoleSchema, RolesSchema, RowScopeSchema } from '../roles/roles.schema.js';
import { RuleSchema } from '../rule/rule.schema.js';
import { RuleTriggerSchema } from '../rule/rule-trigger.schema.js';

/** A table (or, for a union, one table per variant) in docs/pack-format.md. */
export interface ReferenceSection {
  /** The heading; also the anchor other tables link to. */
  readonly title: string;
  readonly schema: TSchema;
}

/**
 * The generated reference tables of docs/pack-format.md, by marker: the text between
 * `<!-- generated:<marker> -->` and `<!-- /generated:<marker> -->` is rendered from these.
 */
export const REFERENCE_SECTIONS: Record<string, readonly ReferenceSection[]> = {
  pack: [{ title: 'pack.json', schema: PackManifestSchema }],
  messenger: [{ title: 'Messenger', schema: MessengerSchema }],
  flow: [
    { title: 'Flow', schema: FlowSchema },
    { title: 'Flow node', schema: FlowNodeSchema },
    { title: 'Flow edge', schema: FlowEdgeSchema },
  ],
  people: [
    { title: 'Assignee', schema: AssigneeSchema },
    { title: 'Recipient', schema: RecipientSchema },
  ],
  action: [{ title: 'Action', schema: ActionSchema }],
  rule: [
    { title: 'Rule', schema: RuleSchema },
    { title: 'Rule trigger', schema: RuleTriggerSchema },
  ],
  report: [
    { title: 'Report', schema: ReportSchema },
    { title: 'Query', schema: QuerySchema },
    { title: 'Join', schema: QueryJoinSchema },
    { title: 'Dimension', schema: QueryDimensionSchema },
    { title: 'Measure', schema: QueryMeasureSchema },
    { title: 'Date range', schema: DateRangeSchema },
    { title: 'Chart', schema: ChartSchema },
  ],
  dashboard: [
    { title: 'Dashboard', schema: DashboardSchema },
    { title: 'Dashboard filter', schema: DashboardFilterSchema },
    { title: 'Widget', schema: DashboardWidgetSchema },
  ],
  print: [
    { title: 'Print template', schema: PrintTemplateSchema },
    { title: 'Print page', schema: PrintPageSchema },
    { title: 'Print band', schema: PrintBandSchema },
    { title: 'Band item', schema: PrintBandItemSchema },
    { title: 'Print block', schema: PrintBlockSchema },
    { title: 'Field item', schema: PrintFieldItemSchema },
    { title: 'Table column', schema: PrintColumnSchema },
  ],
  roles: [
    { title: 'roles.json', schema: RolesSchema },
    { title: 'Role', schema: RoleSchema },
    { title: 'Form grant', schema: FormGrantSchema },
    { title: 'Row scope', schema: RowScopeSchema },
  ],
};
