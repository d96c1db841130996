import { type TSchema, Type } from '@sinclair/typebox';
import {
  type Chart,
  ChartSchema,
  type DashboardDefinition,
  DashboardSchema,
  type FlowDefinition,
  FlowSchema,
  type FormDefinition,
  FormSchema,
  type PrintTemplateDefinition,
  PrintTemplateSchema,
  type QueryModel,
  QuerySchema,
  type ReportDefinition,
  ReportSchema,
  type RuleDefinition,
  RuleSchema,
} from '@tessera/schema';

/**
 * The pack format's own schemas (@tessera/schema), as components of the OpenAPI document: the
 * opaque parts of requests and responses (form definitions, query models, rules…) reference
 * these instead of saying `{}`. Each is the published schema under a short `$id` and without its
 * `$schema` dialect line (the document's dialect is OpenAPI 3.1's).
 */
function component(name: string, schema: TSchema): TSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema as TSchema & { $schema?: string };
  return { ...rest, $id: name } as TSchema;
}

export const PACK_FORMAT_COMPONENTS = [
  component('FormDefinition', FormSchema),
  component('FlowDefinition', FlowSchema),
  component('RuleDefinition', RuleSchema),
  component('ReportDefinition', ReportSchema),
  component('DashboardDefinition', DashboardSchema),
  component('PrintTemplateDefinition', PrintTemplateSchema),
  component('QueryModel', QuerySchema),
  component('Chart', ChartSchema),
] as const;

const ref = <T>(name: string) => Type.Unsafe<T>({ $ref: `${name}#` });

export const FormDefinitionRef = ref<FormDefinition>('FormDefinition');
export const FlowDefinitionRef = ref<FlowDefinition>('FlowDefinition');
export const RuleDefinitionRef = ref<RuleDefinition>('RuleDefinition');
export const ReportDefinitionRef = ref<ReportDefinition>('ReportDefinition');
export const DashboardDefinitionRef = ref<DashboardDefinition>('DashboardDefinition');
export const PrintTemplateDefinitionRef = ref<PrintTemplateDefinition>('PrintTemplateDefinition');
export const QueryModelRef = ref<QueryModel>('QueryModel');
export const ChartRef = ref<Chart>('Chart');
