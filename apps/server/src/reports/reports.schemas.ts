import { Type } from '@sinclair/typebox';

const Key = Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' });
export const AppParams = Type.Object({ app: Key });
export const KeyParams = Type.Object({ app: Key, key: Key });

/** The query model and chart are validated by the report engine (paths point into the body). */
const Query = Type.Unknown({ description: 'A query model (schemas/report.schema.json#/properties/query).' });
const Chart = Type.Unknown({ description: 'A chart spec (schemas/report.schema.json#/properties/chart).' });

export const QueryBody = Type.Object(
  { query: Query, chart: Type.Optional(Chart) },
  { additionalProperties: false },
);

export const ExportBody = Type.Object(
  {
    query: Query,
    titles: Type.Optional(
      Type.Record(Type.String(), Type.String({ maxLength: 200 }), { description: 'Column titles by key.' }),
    ),
  },
  { additionalProperties: false },
);
export const ExportQuery = Type.Object({
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' }),
});

export const DrillBody = Type.Object(
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

export const SaveBody = Type.Object(
  {
    definition: Type.Unknown({ description: 'A report or dashboard document of the pack format.' }),
    expectedVersion: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Refuse the save if it changed meanwhile.' }),
    ),
  },
  { additionalProperties: false },
);

const Column = Type.Object({
  key: Type.String(),
  role: Type.String(),
  type: Type.String(),
  labels: Type.Optional(Type.Array(Type.String())),
  valueLabels: Type.Optional(
    Type.Record(Type.String(), Type.Record(Type.String(), Type.String()), {
      description: 'Cases: each group value → its label by language ({ "en": …, "zh-CN": … }).',
    }),
  ),
  format: Type.Optional(Type.String()),
  nameSource: Type.Optional(Type.String({ description: 'user | department: the values are ids…' })),
  names: Type.Optional(
    Type.Record(Type.String(), Type.String(), { description: '…and these their display names (id → name).' }),
  ),
});
export const ResultOut = Type.Object({
  columns: Type.Array(Column),
  rows: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  chart: Type.Optional(Type.Unknown()),
  previous: Type.Optional(Type.Unknown()),
});
export const SavedOut = Type.Object({ version: Type.Integer() });
export const StoredOut = Type.Object({
  version: Type.Integer(),
  updatedAt: Type.String(),
  definition: Type.Unknown(),
});
export const DashboardOut = Type.Object({
  key: Type.String(),
  version: Type.Integer(),
  definition: Type.Unknown(),
  filters: Type.Record(Type.String(), Type.Unknown()),
  widgets: Type.Array(Type.Record(Type.String(), Type.Unknown())),
});

const Title = Type.Record(Type.String(), Type.String());
/** One saved report or dashboard in a list: what a picker or a menu shows. */
export const ListedOut = Type.Object({
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
  definition: Type.Unknown(),
  filters: Type.Record(Type.String(), Type.Unknown()),
  query: Type.Unknown(),
  columns: Type.Array(Column),
  rows: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  chart: Type.Optional(Type.Unknown()),
});
