import { type Static, Type } from '@sinclair/typebox';
import { engineChecked } from './engine-checked';
import {
  ChartRef,
  DashboardDefinitionRef,
  QueryModelRef,
  ReportDefinitionRef,
} from './pack-format.components';
import {
  ChartRenderRef,
  FilterValueRef,
  ReportResultRef,
  ResultColumnSchema,
  ResultRowSchema,
} from './report-result.schemas';

const Key = Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' });
export const ReportKeyParams = Type.Object({ app: Key, key: Key });

/** The query model and chart are validated by the report engine (paths point into the body). */
const Query = engineChecked(QueryModelRef);
const Chart = engineChecked(ChartRef);

export const ReportQueryBody = Type.Object(
  { query: Query, chart: Type.Optional(Chart) },
  { additionalProperties: false },
);

export const ReportExportBody = Type.Object(
  {
    query: Query,
    titles: Type.Optional(
      Type.Record(Type.String(), Type.String({ maxLength: 200 }), { description: 'Column titles by key.' }),
    ),
  },
  { additionalProperties: false },
);
export const ReportExportQuery = Type.Object({
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' }),
});

export const ReportDrillBody = Type.Object(
  {
    query: Query,
    point: Type.Record(
      Type.String(),
      Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
      {
        description: 'The data point\'s dimension values, e.g. { "month": "2026-03-01", "tier": "key" }.',
      },
    ),
    measure: Type.Optional(
      Type.String({ description: 'The conditional measure clicked: its condition applies too.' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  },
  { additionalProperties: false },
);

export const ReportSaveBody = Type.Object(
  {
    definition: engineChecked(
      Type.Union([ReportDefinitionRef, DashboardDefinitionRef], {
        description: 'A report or dashboard document of the pack format (the path names which).',
      }),
    ),
    expectedVersion: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Refuse the save if it changed meanwhile.' }),
    ),
  },
  { additionalProperties: false },
);

/** A run's result; as the engine produced it (engine-checked: serialised as it is). */
export const ReportResultOut = Type.Object({
  columns: Type.Array(ResultColumnSchema),
  rows: Type.Array(engineChecked(ResultRowSchema)),
  chart: Type.Optional(engineChecked(ChartRenderRef)),
  previous: Type.Optional(engineChecked(ReportResultRef)),
});
export const ReportSavedOut = Type.Object({ version: Type.Integer() });
export const ReportStoredOut = Type.Object({
  version: Type.Integer(),
  updatedAt: Type.String(),
  definition: engineChecked(Type.Union([ReportDefinitionRef, DashboardDefinitionRef])),
});

/** One widget of a dashboard with its data, or the reason it has none. */
export const WidgetViewSchema = Type.Object({
  id: Type.String(),
  type: Type.String({ description: "The widget's type (report, kpi, text, …)." }),
  title: Type.Optional(Type.Record(Type.String(), Type.String())),
  spec: Type.Optional(ChartRef),
  query: Type.Optional(QueryModelRef),
  result: Type.Optional(ReportResultRef),
  chart: Type.Optional(ChartRenderRef),
  error: Type.Optional(
    Type.Object({
      code: Type.String(),
      message: Type.String(),
      errors: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
    }),
  ),
});
export type WidgetView = Static<typeof WidgetViewSchema>;

export const DashboardOut = Type.Object({
  key: Type.String(),
  version: Type.Integer(),
  definition: engineChecked(DashboardDefinitionRef),
  filters: Type.Record(Type.String(), engineChecked(FilterValueRef)),
  widgets: Type.Array(engineChecked(WidgetViewSchema)),
});

const Title = Type.Record(Type.String(), Type.String());
/** One saved report or dashboard in a list: what a picker or a menu shows. */
export const ReportListOut = Type.Object({
  items: Type.Array(
    Type.Object({
      key: Type.String(),
      title: Title,
      description: Type.Optional(Type.String()),
      version: Type.Integer(),
      updatedAt: Type.String(),
      chart: Type.Optional(Type.String({ description: "Reports: the default chart's type." })),
    }),
  ),
});

/** Where the shared filter values of a saved report's run come from. */
export const RunReportBody = Type.Object(
  {
    dashboard: Type.Optional(Key),
    widget: Type.Optional(Type.String({ maxLength: 100 })),
    values: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Union([Type.String({ maxLength: 2000 }), Type.Array(Type.String({ maxLength: 500 }))]),
        {
          description:
            'Shared filter values, as on the dashboard query string ("this_year", "2026-01-01..2026-03-31", ["east","west"]).',
        },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ReportRunOut = Type.Object({
  key: Type.String(),
  version: Type.Integer(),
  definition: engineChecked(ReportDefinitionRef),
  filters: Type.Record(Type.String(), engineChecked(FilterValueRef)),
  query: engineChecked(QueryModelRef),
  columns: Type.Array(ResultColumnSchema),
  rows: Type.Array(engineChecked(ResultRowSchema)),
  chart: Type.Optional(engineChecked(ChartRenderRef)),
});

export type ReportQueryBody = Static<typeof ReportQueryBody>;
export type ReportDrillBody = Static<typeof ReportDrillBody>;
export type ReportResultOut = Static<typeof ReportResultOut>;
export type DashboardOut = Static<typeof DashboardOut>;
export type ReportListOut = Static<typeof ReportListOut>;
export type RunReportBody = Static<typeof RunReportBody>;
export type ReportRunOut = Static<typeof ReportRunOut>;
export type ReportStoredOut = Static<typeof ReportStoredOut>;
