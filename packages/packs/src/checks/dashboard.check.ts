import type { DashboardDefinition } from '@tessera/schema';
import { closestWord } from '@tessera/schema';
import type { PackDocument } from '../model/pack.js';
import {
  type CheckContext,
  checkFieldRef,
  checkFormRef,
  checkNamedRef,
  type ErrorSink,
} from './check-context.js';
import { checkChart, checkQuery, type QueryOutputs } from './query.check.js';

/**
 * A dashboard's widgets: report widgets name reports of the pack, inline queries resolve,
 * charts name the query's outputs, filter bindings name the dashboard's filters and fields.
 * `reportOutputs` holds the outputs of every valid report (from checkReport).
 */
export function checkDashboard(
  ctx: CheckContext,
  sink: ErrorSink,
  doc: PackDocument<DashboardDefinition>,
  reportOutputs: ReadonlyMap<string, QueryOutputs>,
): void {
  const report = sink.at(doc);
  const dashboard = doc.value;
  const filters = new Set<string>();
  dashboard.filters?.forEach((filter, i) => {
    if (filters.has(filter.key))
      report(`/filters/${i}/key`, `duplicate filter key '${filter.key}'`, 'duplicate_key');
    filters.add(filter.key);
    if (filter.options && checkFormRef(ctx, report, `/filters/${i}/options/form`, filter.options.form)) {
      checkFieldRef(ctx, report, `/filters/${i}/options/field`, filter.options.form, filter.options.field);
    }
  });
  const ids = new Map<string, number>();
  dashboard.widgets.forEach((widget, i) => {
    const at = `/widgets/${i}`;
    if (ids.has(widget.id))
      report(
        `${at}/id`,
        `duplicate widget id '${widget.id}' (also /widgets/${ids.get(widget.id)})`,
        'duplicate_key',
      );
    ids.set(widget.id, i);
    if (widget.layout.x + widget.layout.w > (dashboard.columns ?? 12)) {
      report(
        `${at}/layout`,
        `the widget ends at column ${widget.layout.x + widget.layout.w}, past the grid's ${dashboard.columns ?? 12} columns`,
        'invalid_definition',
      );
    }
    if (widget.type === 'text') return;
    let outputs: QueryOutputs | undefined;
    if (widget.type === 'report') {
      checkNamedRef(ctx, report, `${at}/report`, 'report', widget.report);
      outputs = reportOutputs.get(widget.report);
    } else {
      outputs = checkQuery(ctx, report, `${at}/query`, widget.query);
    }
    if (outputs && widget.chart) checkChart(report, `${at}/chart`, widget.chart, outputs);
    for (const [key, fieldPath] of Object.entries(widget.filters ?? {})) {
      if (!filters.has(key)) {
        const hint = closestWord(key, [...filters]);
        report(
          `${at}/filters/${key}`,
          `unknown dashboard filter '${key}'${hint ? ` (did you mean '${hint}'?)` : ''}`,
        );
      } else if (outputs) outputs.field(report, `${at}/filters/${key}`, fieldPath);
    }
    if (widget.drilldown?.form) checkFormRef(ctx, report, `${at}/drilldown/form`, widget.drilldown.form);
    if (widget.drilldown?.report)
      checkNamedRef(ctx, report, `${at}/drilldown/report`, 'report', widget.drilldown.report);
  });
}
