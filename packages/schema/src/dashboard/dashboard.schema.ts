import { type Static, Type } from '@sinclair/typebox';
import {
  Description,
  documentOptions,
  FieldPath,
  Identifier,
  JsonValue,
  KeyedRecord,
  Label,
  SchemaPointer,
  StableId,
  StringEnum,
} from '../common/index.js';
import { ChartSchema } from '../report/chart.schema.js';
import { QuerySchema } from '../report/query.schema.js';

/** A filter shown above the dashboard and applied to the widgets that bind it. */
export const DashboardFilterSchema = Type.Object(
  {
    key: Identifier,
    label: Label,
    type: StringEnum(['date_range', 'select', 'multi_select', 'text', 'user', 'number_range']),
    options: Type.Optional(
      Type.Object(
        { form: Identifier, field: Identifier },
        { additionalProperties: false, description: 'Select: offer the options of this form field.' },
      ),
    ),
    default: Type.Optional({
      ...JsonValue,
      description: 'Initial value (e.g. "this_quarter" for a date range).',
    }),
  },
  { additionalProperties: false, description: 'A shared filter.' },
);

const widgetBase = {
  id: { ...StableId, description: 'Unique in the dashboard; never changes.' },
  title: Type.Optional(Label),
  layout: Type.Object(
    {
      x: Type.Integer({ minimum: 0, maximum: 23 }),
      y: Type.Integer({ minimum: 0 }),
      w: Type.Integer({ minimum: 1, maximum: 24 }),
      h: Type.Integer({ minimum: 1, maximum: 48 }),
    },
    { additionalProperties: false, description: 'Position and size on the grid (columns, rows).' },
  ),
};

const filterBindings = Type.Optional(
  KeyedRecord(FieldPath, {
    description: 'Which field each shared filter applies to: { "<filter key>": "<field path>" }.',
  }),
);
const drilldown = Type.Optional(
  Type.Object(
    {
      form: Type.Optional({
        ...Identifier,
        description: 'Show the records of this form behind a data point.',
      }),
      report: Type.Optional({
        ...Identifier,
        description: 'Or open this report filtered by the data point.',
      }),
    },
    {
      additionalProperties: false,
      description: 'What a click on a data point opens (default: the records).',
    },
  ),
);

export const DashboardWidgetSchema = Type.Union(
  [
    Type.Object(
      {
        type: Type.Literal('report'),
        ...widgetBase,
        report: { ...Identifier, description: 'Key of a report of the pack.' },
        chart: Type.Optional({ ...ChartSchema, description: "Overrides the report's default chart." }),
        filters: filterBindings,
        drilldown,
      },
      { additionalProperties: false, description: 'A report of the pack, drawn as a chart.' },
    ),
    Type.Object(
      {
        type: Type.Literal('query'),
        ...widgetBase,
        query: QuerySchema,
        chart: ChartSchema,
        filters: filterBindings,
        drilldown,
      },
      { additionalProperties: false, description: 'An inline query, drawn as a chart.' },
    ),
    Type.Object(
      { type: Type.Literal('text'), ...widgetBase, text: Label },
      { additionalProperties: false, description: 'A text block (Markdown).' },
    ),
  ],
  { description: 'A widget, told apart by `type`.' },
);
export type DashboardWidget = Static<typeof DashboardWidgetSchema>;

/** `dashboards/<key>.json`: a grid of widgets with shared filters. */
export const DashboardSchema = Type.Object(
  {
    $schema: SchemaPointer,
    key: Identifier,
    title: Label,
    description: Type.Optional(Description),
    columns: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 24, description: 'Grid columns (default 12).' }),
    ),
    filters: Type.Optional(Type.Array(DashboardFilterSchema)),
    widgets: Type.Array(DashboardWidgetSchema),
  },
  documentOptions(
    'dashboard',
    'Tessera dashboard',
    'dashboards/<key>.json: widgets on a grid, shared filters.',
  ),
);
export type DashboardDefinition = Static<typeof DashboardSchema>;
