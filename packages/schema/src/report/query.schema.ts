import { type Static, Type } from '@sinclair/typebox';
import { FieldPath, Identifier, JsonLogic, Label, StringEnum } from '../common/index.js';

/** A join through a link field (many-to-one), a line-items field, or back from another form. */
export const QueryJoinSchema = Type.Object(
  {
    as: { ...Identifier, description: 'Alias used in field paths: "<as>.<field>".' },
    path: Type.Optional({
      ...FieldPath,
      description: 'A link or line-items field of the source (or of an earlier join: "customer.region").',
    }),
    form: Type.Optional({ ...Identifier, description: 'Reverse join: records of this form …' }),
    link: Type.Optional({ ...Identifier, description: '… whose link field `link` points at the source.' }),
    required: Type.Optional(
      Type.Boolean({ description: 'Inner join (drop rows without a match); default left join.' }),
    ),
  },
  {
    additionalProperties: false,
    description:
      'Either { as, path } (follow a link or line-items field) or { as, form, link } (reverse link).',
  },
);

export const DATE_BUCKETS = [
  'hour',
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'day_of_week',
  'month_of_year',
] as const;

export const QueryDimensionSchema = Type.Object(
  {
    key: { ...Identifier, description: 'Name of the output column.' },
    label: Type.Optional(Label),
    field: Type.Optional({
      ...FieldPath,
      description: 'A field ("region") or a joined field ("customer.tier").',
    }),
    expr: Type.Optional({ ...JsonLogic, description: 'Or a JSON-Logic expression over the row.' }),
    bucket: Type.Optional(StringEnum(DATE_BUCKETS, { description: 'Group a date/datetime by this bucket.' })),
    bins: Type.Optional(
      Type.Object(
        {
          edges: Type.Array(Type.Number(), {
            minItems: 1,
            description: 'Bin edges, e.g. [30, 60, 90] → <30, 30–60, 60–90, ≥90 (aging buckets).',
          }),
        },
        { additionalProperties: false, description: 'Group a number into bins.' },
      ),
    ),
    cases: Type.Optional(
      Type.Array(
        Type.Object(
          {
            when: { ...JsonLogic, description: 'A JSON-Logic condition over the row.' },
            value: Type.String({
              minLength: 1,
              maxLength: 200,
              description:
                'The group a matching row falls in: a stable key, stored and compared (filters, drill-down).',
            }),
            label: Type.Optional({
              ...Label,
              description:
                'The group as shown, in each language (e.g. { "en": "not due", "zh-CN": "未到期" }).',
            }),
          },
          { additionalProperties: false },
        ),
        {
          minItems: 1,
          description: 'Or name groups by conditions, first match wins (e.g. aging buckets by days overdue).',
        },
      ),
    ),
    else: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Cases: the group of rows no case matches.' }),
    ),
    elseLabel: Type.Optional({
      ...Label,
      description: 'Cases: the `else` group as shown, in each language.',
    }),
  },
  {
    additionalProperties: false,
    description:
      'A group-by column: exactly one of field (optionally bucketed or binned) / expr (a condition: true or false) / cases.',
  },
);
export type QueryDimension = Static<typeof QueryDimensionSchema>;

const measureBase = {
  key: { ...Identifier, description: 'Name of the output column.' },
  label: Type.Optional(Label),
  where: Type.Optional({ ...JsonLogic, description: 'Conditional measure: only rows where this holds.' }),
  format: Type.Optional(StringEnum(['number', 'integer', 'money', 'percent', 'duration'])),
};

export const QueryMeasureSchema = Type.Union(
  [
    Type.Object(
      { ...measureBase, agg: Type.Literal('count') },
      { additionalProperties: false, description: 'Number of rows.' },
    ),
    Type.Object(
      {
        ...measureBase,
        agg: StringEnum(['count_distinct', 'sum', 'avg', 'min', 'max', 'median']),
        field: FieldPath,
      },
      { additionalProperties: false, description: 'An aggregate of a field.' },
    ),
    Type.Object(
      {
        ...measureBase,
        agg: Type.Literal('percentile'),
        field: FieldPath,
        p: Type.Number({ minimum: 0, maximum: 1, description: 'The percentile as a fraction (0.9 = p90).' }),
      },
      { additionalProperties: false, description: 'A percentile of a field.' },
    ),
    Type.Object(
      {
        ...measureBase,
        agg: Type.Literal('ratio'),
        numerator: { ...Identifier, description: 'Key of a measure of this query.' },
        denominator: { ...Identifier, description: 'Key of a measure of this query.' },
      },
      {
        additionalProperties: false,
        description: 'numerator / denominator (e.g. overdue rate, repurchase rate).',
      },
    ),
    Type.Object(
      {
        ...measureBase,
        agg: Type.Literal('duration'),
        from: { ...FieldPath, description: 'The start date/datetime field.' },
        to: { ...FieldPath, description: 'The end date/datetime field.' },
        unit: StringEnum(['minutes', 'hours', 'days']),
        stat: Type.Optional(
          StringEnum(['avg', 'median', 'min', 'max', 'sum'], { description: 'Default avg.' }),
        ),
      },
      {
        additionalProperties: false,
        description: 'A statistic of the time between two dates (delivery cycle, resolution time).',
      },
    ),
    Type.Object(
      {
        ...measureBase,
        agg: Type.Literal('arithmetic'),
        op: StringEnum(['add', 'subtract', 'multiply', 'divide']),
        left: { ...Identifier, description: 'Key of a measure of this query.' },
        right: { ...Identifier, description: 'Key of a measure of this query.' },
      },
      {
        additionalProperties: false,
        description: 'left op right of two measures (e.g. NPS: promoters share − detractors share).',
      },
    ),
  ],
  { description: 'A measure, told apart by `agg`.' },
);
export type QueryMeasure = Static<typeof QueryMeasureSchema>;

export const RELATIVE_DATE_RANGES = [
  'today',
  'yesterday',
  'this_week',
  'last_week',
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
  'last_7_days',
  'last_30_days',
  'last_90_days',
  'last_365_days',
] as const;

export const DateRangeSchema = Type.Object(
  {
    field: FieldPath,
    relative: Type.Optional(StringEnum(RELATIVE_DATE_RANGES)),
    last: Type.Optional(
      Type.Object(
        {
          amount: Type.Integer({ minimum: 1 }),
          unit: StringEnum(['days', 'weeks', 'months', 'quarters', 'years']),
        },
        { additionalProperties: false, description: 'The last N units up to today.' },
      ),
    ),
    from: Type.Optional(Type.String({ format: 'date' })),
    to: Type.Optional(Type.String({ format: 'date' })),
  },
  {
    additionalProperties: false,
    description: 'Rows whose date field is in a range: one of relative, last, or from/to (inclusive dates).',
  },
);

/**
 * A first aggregation: rows are grouped by the stage's dimensions and its measures computed per
 * group; the query's own dimensions, measures and filters then read the stage's keys as fields
 * (e.g. repurchase rate: per customer count orders, then the share of customers with ≥ 2).
 */
export const QueryStageSchema = Type.Object(
  {
    dimensions: Type.Array(QueryDimensionSchema, { minItems: 1 }),
    measures: Type.Array(QueryMeasureSchema, { minItems: 1 }),
  },
  { additionalProperties: false, description: 'Aggregate per group first, then aggregate the groups.' },
);

/** The query model: compiled to one SQL statement by the report engine. */
export const QuerySchema = Type.Object(
  {
    source: { ...Identifier, description: 'Key of the form the rows come from.' },
    joins: Type.Optional(Type.Array(QueryJoinSchema)),
    dimensions: Type.Optional(Type.Array(QueryDimensionSchema)),
    measures: Type.Optional(Type.Array(QueryMeasureSchema)),
    stage: Type.Optional(QueryStageSchema),
    filter: Type.Optional({ ...JsonLogic, description: 'JSON-Logic over the row: which rows count.' }),
    dateRange: Type.Optional(DateRangeSchema),
    having: Type.Optional({
      ...JsonLogic,
      description: 'JSON-Logic over the result: {"var": "<measure key>"}.',
    }),
    sort: Type.Optional(
      Type.Array(
        Type.Object(
          {
            by: { ...Identifier, description: 'A dimension or measure key.' },
            direction: Type.Optional(StringEnum(['asc', 'desc'])),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'Top N rows.' })),
    pivot: Type.Optional(
      Type.Object(
        {
          rows: Type.Array(Identifier, { description: 'Dimension keys down the side.' }),
          columns: Type.Array(Identifier, { description: 'Dimension keys across the top.' }),
          subtotals: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false, description: 'Pivot rows × columns (with subtotals through ROLLUP).' },
      ),
    ),
  },
  { additionalProperties: false, description: 'What to read: source, joins, dimensions, measures, filters.' },
);
export type QueryModel = Static<typeof QuerySchema>;
