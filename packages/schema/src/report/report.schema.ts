import { type Static, Type } from '@sinclair/typebox';
import { Description, documentOptions, Identifier, Label, SchemaPointer } from '../common/index.js';
import { ChartSchema } from './chart.schema.js';
import { QuerySchema } from './query.schema.js';

/** `reports/<key>.json`: a named query and how it is drawn by default. */
export const ReportSchema = Type.Object(
  {
    $schema: SchemaPointer,
    key: Identifier,
    title: Label,
    description: Type.Optional(Description),
    query: QuerySchema,
    chart: Type.Optional(ChartSchema),
  },
  documentOptions('report', 'Tessera report', 'reports/<key>.json: a query model and its default chart.'),
);
export type ReportDefinition = Static<typeof ReportSchema>;
