import { type Static, Type } from '@sinclair/typebox';
import { Identifier, StringEnum } from '../common/index.js';

export const CHART_TYPES = [
  'bar',
  'stacked_bar',
  'line',
  'area',
  'pie',
  'funnel',
  'kpi',
  'table',
  'pivot',
  'gauge',
] as const;

/** How a result is drawn (ECharts). Keys refer to the query's dimensions and measures. */
export const ChartSchema = Type.Object(
  {
    type: StringEnum(CHART_TYPES),
    x: Type.Optional({
      ...Identifier,
      description: 'Dimension on the category axis (bar, line, pie, funnel).',
    }),
    series: Type.Optional({ ...Identifier, description: 'Dimension that splits the data into series.' }),
    y: Type.Optional(Type.Array(Identifier, { minItems: 1, description: 'Measure keys to draw.' })),
    compare: Type.Optional(
      StringEnum(['previous_period', 'previous_year'], {
        description: 'KPI card: compare with this period.',
      }),
    ),
    min: Type.Optional(Type.Number({ description: 'Gauge: lower end.' })),
    max: Type.Optional(Type.Number({ description: 'Gauge: upper end.' })),
    options: Type.Optional(
      Type.Unsafe<Record<string, unknown>>({ type: 'object', description: 'ECharts option overrides.' }),
    ),
  },
  { additionalProperties: false, description: 'A chart of the result.' },
);
export type Chart = Static<typeof ChartSchema>;
export type ChartType = Chart['type'];
