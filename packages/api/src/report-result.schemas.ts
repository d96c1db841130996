import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from '@tessera/schema';
import { JsonValueRef } from './values.schemas';

/** One column of a report result (the report engine's ResultColumn). */
export const ResultColumnSchema = Type.Object({
  key: Type.String(),
  role: StringEnum(['dimension', 'measure', 'grouping']),
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
export type ResultColumn = Static<typeof ResultColumnSchema>;

/** A cell of a result row: a dimension's value or a measure (numerics beyond 2^53 as strings). */
export const ResultCell = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);
export const ResultRowSchema = Type.Record(Type.String(), ResultCell, {
  description: 'Cells by column key.',
});
export type ResultRow = Static<typeof ResultRowSchema>;

export const ReportResultSchema = Type.Object(
  { columns: Type.Array(ResultColumnSchema), rows: Type.Array(ResultRowSchema) },
  { $id: 'ReportResult', description: 'The rows of a query model with their columns.' },
);
export type ReportResult = Static<typeof ReportResultSchema>;
export const ReportResultRef = Type.Unsafe<ReportResult>({ $ref: 'ReportResult#' });

/** An ECharts option (https://echarts.apache.org/en/option.html): the chart package builds it. */
const EChartsOption = Type.Record(Type.String(), JsonValueRef, { description: 'An ECharts option object.' });
const Nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const PivotHeader = Type.Object({
  labels: Type.Array(Type.String()),
  values: Type.Array(JsonValueRef),
  subtotal: Type.Boolean(),
});

/** What a chart spec renders to (@tessera/charts' ChartRender), told apart by `kind`. */
export const ChartRenderSchema = Type.Union(
  [
    Type.Object({ kind: Type.Literal('echarts'), option: EChartsOption }),
    Type.Object({
      kind: Type.Literal('kpi'),
      card: Type.Object({
        value: Nullable(Type.Number()),
        previous: Nullable(Type.Number()),
        change: Nullable(Type.Number()),
        changeRatio: Nullable(Type.Number()),
        trend: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('flat'), Type.Null()]),
      }),
      option: EChartsOption,
    }),
    Type.Object({
      kind: Type.Literal('table'),
      table: Type.Object({
        columns: Type.Array(Type.Object({ key: Type.String(), type: Type.String() })),
        rows: Type.Array(Type.Array(JsonValueRef)),
      }),
    }),
    Type.Object({
      kind: Type.Literal('pivot'),
      pivot: Type.Object({
        rowDimensions: Type.Array(Type.String()),
        columnDimensions: Type.Array(Type.String()),
        measures: Type.Array(Type.String()),
        rows: Type.Array(PivotHeader),
        columns: Type.Array(PivotHeader),
        cells: Type.Array(Type.Array(Type.Array(JsonValueRef)), {
          description: 'cells[row][column][measure]; null where no group exists.',
        }),
      }),
    }),
  ],
  {
    $id: 'ChartRender',
    description: 'A rendered chart: an ECharts option, or a card/table drawn by the client.',
  },
);
export type ChartRender = Static<typeof ChartRenderSchema>;
export const ChartRenderRef = Type.Unsafe<ChartRender>({ $ref: 'ChartRender#' });

/** A shared filter's parsed value (the dashboard engine's FilterValue). */
export const FilterValueSchema = Type.Union(
  [
    Type.Object({ kind: Type.Literal('relative'), relative: Type.String() }),
    Type.Object({
      kind: Type.Literal('dates'),
      from: Type.Optional(Type.String()),
      to: Type.Optional(Type.String()),
    }),
    Type.Object({ kind: Type.Literal('one'), value: Type.String() }),
    Type.Object({ kind: Type.Literal('many'), values: Type.Array(Type.String()) }),
    Type.Object({
      kind: Type.Literal('range'),
      min: Type.Optional(Type.Number()),
      max: Type.Optional(Type.Number()),
    }),
  ],
  { $id: 'FilterValue' },
);
export type FilterValue = Static<typeof FilterValueSchema>;
export const FilterValueRef = Type.Unsafe<FilterValue>({ $ref: 'FilterValue#' });
