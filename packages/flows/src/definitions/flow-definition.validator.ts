import { compile } from '@tessera/logic';
import { type FlowDefinition, type SchemaError, validate } from '@tessera/schema';
import { buildGraph, type FlowGraph } from '../core/flow-graph';
import { NODE_TYPES } from '../nodes/node.registry';
import type { NodeBehavior } from '../nodes/node-behavior';

export type FlowValidation =
  | { readonly ok: true; readonly value: FlowDefinition }
  | { readonly ok: false; readonly errors: readonly SchemaError[] };

/**
 * Checks a flow before it is saved or published: the JSON Schema, then the graph — unique ids,
 * edges between existing nodes, one start, every node reachable from it and able to reach an
 * end, gateway defaults, parallel joins fed by a matching fork — then each node's own config.
 */
export function validateFlowDefinition(input: unknown): FlowValidation {
  const parsed = validate('flow', input);
  if (!parsed.ok) return parsed;
  const definition = parsed.value;
  const errors: SchemaError[] = [];
  const add = (path: string, message: string) => errors.push({ path, message });

  const seen = new Set<string>();
  definition.nodes.forEach((node, i) => {
    if (seen.has(node.id)) add(`/nodes/${i}/id`, `node id "${node.id}" is used twice`);
    seen.add(node.id);
  });
  const edgeIds = new Set<string>();
  const graph = buildGraph(definition);
  graph.edges.forEach((edge, i) => {
    if (!seen.has(edge.from)) add(`/edges/${i}/from`, `no node "${edge.from}"`);
    if (!seen.has(edge.to)) add(`/edges/${i}/to`, `no node "${edge.to}"`);
    if (edgeIds.has(edge.id)) add(`/edges/${i}`, `edge "${edge.id}" is defined twice`);
    edgeIds.add(edge.id);
  });
  if (errors.length > 0) return { ok: false, errors };

  const starts = definition.nodes.filter((n) => n.type === 'start');
  if (starts.length !== 1) add('/nodes', `a flow needs exactly one start node (it has ${starts.length})`);
  if (!definition.nodes.some((n) => n.type === 'end')) add('/nodes', 'a flow needs an end node');
  if (starts.length === 1) checkReachability(graph, starts[0]!.id, add);
  checkJoins(graph, add);
  checkEnds(graph, add);

  definition.nodes.forEach((node, i) => {
    const behavior = NODE_TYPES[node.type] as NodeBehavior;
    if ((node.typeVersion ?? 1) > behavior.version)
      add(
        `/nodes/${i}/typeVersion`,
        `${node.type} version ${node.typeVersion} is newer than this engine runs (${behavior.version})`,
      );
    for (const issue of behavior.validateConfig(node, graph))
      add(`/nodes/${i}/${issue.path.replaceAll('.', '/')}`, issue.message);
    if ((node.type === 'approval' || node.type === 'user_task') && node.returnTo) {
      for (const target of node.returnTo)
        if (!seen.has(target)) add(`/nodes/${i}/returnTo`, `no node "${target}" to return to`);
    }
    if ((node.type === 'approval' || node.type === 'user_task') && node.onReject?.set)
      checkValues(`/nodes/${i}/onReject/set`, node.onReject.set, add);
  });
  if (definition.onWithdraw) checkValues('/onWithdraw/set', definition.onWithdraw.set, add);
  if (definition.onReturn) checkValues('/onReturn/set', definition.onReturn.set, add);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: definition };
}

/** Values a flow writes to its record: each one a JSON-Logic expression that compiles. */
function checkValues(
  path: string,
  values: Readonly<Record<string, unknown>>,
  add: (p: string, m: string) => void,
) {
  for (const [key, expression] of Object.entries(values)) {
    try {
      compile(expression);
    } catch (error) {
      add(`${path}/${key}`, (error as Error).message);
    }
  }
}

function walk(start: string, next: (id: string) => readonly string[]): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const id of next(queue.shift()!)) {
      if (!seen.has(id)) {
        seen.add(id);
        queue.push(id);
      }
    }
  }
  return seen;
}

function checkReachability(graph: FlowGraph, startId: string, add: (p: string, m: string) => void): void {
  const reached = walk(startId, (id) => graph.outgoing(id).map((e) => e.to));
  const ends = graph.definition.nodes.filter((n) => n.type === 'end').map((n) => n.id);
  const canEnd = new Set<string>();
  for (const end of ends)
    for (const id of walk(end, (x) => graph.incoming(x).map((e) => e.from))) canEnd.add(id);
  graph.definition.nodes.forEach((node, i) => {
    if (!reached.has(node.id)) add(`/nodes/${i}`, `node "${node.id}" cannot be reached from the start`);
    else if (!canEnd.has(node.id)) add(`/nodes/${i}`, `no path leads from node "${node.id}" to an end`);
  });
}

/**
 * Edges that the engine would never follow as written: into the start, out of an end, or with a
 * condition / default that only an exclusive gateway reads (`pack validate` said so first).
 */
function checkEnds(graph: FlowGraph, add: (p: string, m: string) => void): void {
  const types = new Map(graph.definition.nodes.map((n) => [n.id, n.type]));
  graph.definition.nodes.forEach((node, i) => {
    if (node.type === 'start' && graph.incoming(node.id).length > 0)
      add(`/nodes/${i}`, 'no edge may enter the start node');
    if (node.type === 'end' && graph.outgoing(node.id).length > 0)
      add(`/nodes/${i}`, 'no edge may leave an end node');
  });
  graph.definition.edges.forEach((edge, i) => {
    if ((edge.condition !== undefined || edge.default) && types.get(edge.from) !== 'exclusive_gateway')
      add(`/edges/${i}`, "'condition' and 'default' apply only to edges leaving an exclusive gateway");
  });
}

/** Every parallel join must sit after a parallel fork whose branches all arrive at it. */
function checkJoins(graph: FlowGraph, add: (p: string, m: string) => void): void {
  const nodes = graph.definition.nodes;
  const forks = nodes.filter((n) => n.type === 'parallel_gateway' && graph.outgoing(n.id).length > 1);
  nodes.forEach((node, i) => {
    if (node.type !== 'parallel_gateway' || graph.incoming(node.id).length < 2) return;
    const incoming = graph.incoming(node.id);
    const matched = forks.some((fork) => {
      const branches = graph.outgoing(fork.id);
      if (branches.length !== incoming.length) return false;
      return incoming.every((edge) =>
        branches.some(
          (b) =>
            b.to === node.id ||
            walk(b.to, (id) => (id === node.id ? [] : graph.outgoing(id).map((e) => e.to))).has(edge.from),
        ),
      );
    });
    if (!matched)
      add(
        `/nodes/${i}`,
        `parallel join "${node.id}" has ${incoming.length} incoming edges but no fork with as many branches leading to it`,
      );
  });
}
