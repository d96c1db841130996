import type { ReportDefinition } from '@tessera/schema';
import type { PackDocument } from '../model/pack.js';
import type { CheckContext, ErrorSink } from './check-context.js';
import { checkChart, checkQuery, type QueryOutputs } from './query.check.js';

/** A report's query and chart; returns the query outputs for dashboards that show it. */
export function checkReport(
  ctx: CheckContext,
  sink: ErrorSink,
  doc: PackDocument<ReportDefinition>,
): QueryOutputs {
  const report = sink.at(doc);
  const outputs = checkQuery(ctx, report, '/query', doc.value.query);
  if (doc.value.chart) checkChart(report, '/chart', doc.value.chart, outputs);
  return outputs;
}
