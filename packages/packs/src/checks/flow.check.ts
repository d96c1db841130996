import { checkFlowReferences, validateFlowDefinition } from '@tessera/flows';
import type { FlowDefinition } from '@tessera/schema';
import type { PackDocument } from '../model/pack.js';
import type { CheckContext, ErrorSink } from './check-context.js';

/**
 * A flow by the flow engine's own checks, the ones it runs when a flow is saved or published
 * (issue 14: `pack validate` and `pack apply` can no longer disagree): its shape — graph, node
 * settings — by `validateFlowDefinition`, then its references — form, assignees, fields,
 * conditions, actions — by `checkFlowReferences` against the pack's forms and roles.
 */
export function checkFlow(ctx: CheckContext, sink: ErrorSink, doc: PackDocument<FlowDefinition>): void {
  const report = sink.at(doc);
  const shape = validateFlowDefinition(doc.value);
  if (!shape.ok) for (const e of shape.errors) report(e.path, e.message, 'invalid_definition');
  checkFlowReferences(ctx, report, doc.value);
}
