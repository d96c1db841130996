import { checkAction, checkAssignee } from '@tessera/forms';
import type { FlowDefinition, FlowNode } from '@tessera/schema';
import type { PackDocument } from '../model/pack.js';
import {
  type CheckContext,
  checkFieldRef,
  checkFormRef,
  checkNamedRef,
  DATE_TYPES,
  type ErrorSink,
  type Report,
} from './check-context.js';

function checkNode(
  ctx: CheckContext,
  report: Report,
  path: string,
  form: string | undefined,
  node: FlowNode,
  ids: Set<string>,
) {
  switch (node.type) {
    case 'approval':
    case 'user_task':
      for (const [i, a] of node.assignees.entries())
        checkAssignee(ctx, report, `${path}/assignees/${i}`, form, a);
      for (const [i, a] of (node.cc ?? []).entries()) checkAssignee(ctx, report, `${path}/cc/${i}`, form, a);
      if (node.mode === 'vote' && node.passRatio === undefined) {
        report(
          path,
          "mode 'vote' needs 'passRatio' (the share of approvals that passes)",
          'invalid_definition',
        );
      }
      if (node.passRatio !== undefined && node.mode !== 'vote') {
        report(`${path}/passRatio`, "'passRatio' applies only with mode 'vote'", 'invalid_definition');
      }
      node.returnTo?.forEach((id, i) => {
        if (!ids.has(id)) report(`${path}/returnTo/${i}`, `unknown node '${id}'`);
      });
      if (form)
        for (const key of Object.keys(node.fields ?? {}))
          checkFieldRef(ctx, report, `${path}/fields/${key}`, form, key);
      return;
    case 'service':
      checkAction(ctx, report, `${path}/action`, form, node.action);
      return;
    case 'timer':
      if ((node.duration === undefined) === (node.until === undefined)) {
        report(path, "a timer needs exactly one of 'duration' and 'until'", 'invalid_definition');
      }
      if (form && node.until) checkFieldRef(ctx, report, `${path}/until`, form, node.until, DATE_TYPES);
      return;
    case 'subflow':
      checkNamedRef(ctx, report, `${path}/flow`, 'flow', node.flow);
      return;
    case 'start':
    case 'end':
    case 'exclusive_gateway':
    case 'parallel_gateway':
    case 'wait':
      return;
    default:
      node satisfies never;
  }
}

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

/** A flow's form, graph, assignees, fields and actions. */
export function checkFlow(ctx: CheckContext, sink: ErrorSink, doc: PackDocument<FlowDefinition>): void {
  const report = sink.at(doc);
  const flow = doc.value;
  const form = checkFormRef(ctx, report, '/form', flow.form) ? flow.form : undefined;
  checkGraph(report, flow);
  const ids = new Set(flow.nodes.map((n) => n.id));
  for (const [i, node] of flow.nodes.entries()) checkNode(ctx, report, `/nodes/${i}`, form, node, ids);
}
