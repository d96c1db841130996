import { checkFlowReferences } from '@tessera/flows';
import type { FlowDefinition } from '@tessera/schema';
import type { PackDocument } from '../model/pack.js';
import type { CheckContext, ErrorSink, Report } from './check-context.js';

/** The graph: unique node ids, edges between existing nodes, one start, reachable ends, gateways. */
function checkGraph(report: Report, flow: FlowDefinition): void {
  const index = new Map<string, number>();
  flow.nodes.forEach((node, i) => {
    if (index.has(node.id))
      report(
        `/nodes/${i}/id`,
        `duplicate node id '${node.id}' (also /nodes/${index.get(node.id)})`,
        'duplicate_key',
      );
    else index.set(node.id, i);
  });
  const outgoing = new Map<string, number[]>();
  const incoming = new Map<string, number[]>();
  flow.edges.forEach((edge, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!index.has(edge[end])) report(`/edges/${i}/${end}`, `unknown node '${edge[end]}'`);
    }
    outgoing.set(edge.from, [...(outgoing.get(edge.from) ?? []), i]);
    incoming.set(edge.to, [...(incoming.get(edge.to) ?? []), i]);
  });

  const starts = flow.nodes.filter((n) => n.type === 'start');
  if (starts.length !== 1)
    report('/nodes', `a flow needs exactly one start node (found ${starts.length})`, 'invalid_definition');
  if (!flow.nodes.some((n) => n.type === 'end'))
    report('/nodes', 'a flow needs at least one end node', 'invalid_definition');

  flow.nodes.forEach((node, i) => {
    if (node.type === 'approval' || node.type === 'user_task')
      node.returnTo?.forEach((id, r) => {
        if (!index.has(id)) report(`/nodes/${i}/returnTo/${r}`, `unknown node '${id}'`);
      });
    const out = outgoing.get(node.id) ?? [];
    if (node.type === 'start' && incoming.has(node.id))
      report(`/nodes/${i}`, 'no edge may enter the start node', 'invalid_definition');
    if (node.type === 'end' && out.length > 0)
      report(`/nodes/${i}`, 'no edge may leave an end node', 'invalid_definition');
    if (node.type !== 'end' && out.length === 0)
      report(`/nodes/${i}`, `node '${node.id}' has no outgoing edge`, 'invalid_definition');
    if (node.type === 'exclusive_gateway') {
      const defaults = out.filter((e) => flow.edges[e]!.default);
      if (defaults.length > 1)
        report(
          `/nodes/${i}`,
          `exclusive gateway '${node.id}' has ${defaults.length} default edges; at most one`,
          'invalid_definition',
        );
      for (const e of out) {
        const edge = flow.edges[e]!;
        if (!edge.default && !edge.condition)
          report(
            `/edges/${e}`,
            `an edge leaving exclusive gateway '${node.id}' needs a 'condition' or 'default': true`,
            'invalid_definition',
          );
      }
    } else {
      for (const e of out) {
        const edge = flow.edges[e]!;
        if (edge.condition || edge.default)
          report(
            `/edges/${e}`,
            "'condition' and 'default' apply only to edges leaving an exclusive gateway",
            'invalid_definition',
          );
      }
    }
  });

  const start = starts[0];
  if (!start) return;
  const reached = new Set([start.id]);
  const queue = [start.id];
  while (queue.length > 0) {
    for (const e of outgoing.get(queue.shift()!) ?? []) {
      const to = flow.edges[e]!.to;
      if (!reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }
    }
  }
  flow.nodes.forEach((node, i) => {
    if (!reached.has(node.id))
      report(`/nodes/${i}`, `node '${node.id}' cannot be reached from the start`, 'invalid_definition');
  });
}

/**
 * A flow's graph, then its references — form, assignees, fields, conditions, actions — by the
 * flow engine's own check (`checkFlowReferences`), the one it runs when a flow is saved.
 */
export function checkFlow(ctx: CheckContext, sink: ErrorSink, doc: PackDocument<FlowDefinition>): void {
  const report = sink.at(doc);
  const flow = doc.value;
  checkGraph(report, flow);
  checkFlowReferences(ctx, report, flow);
}
