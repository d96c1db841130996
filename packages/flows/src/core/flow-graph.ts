import type { FlowDefinition, FlowEdge, FlowNode } from '@tessera/schema';

/** An edge with its id filled in (edges without an `id` are named `<from>-><to>`). */
export interface GraphEdge extends FlowEdge {
  readonly id: string;
}

/** Nodes and edges of a definition indexed for the core and the validator. */
export interface FlowGraph {
  readonly definition: FlowDefinition;
  readonly nodes: ReadonlyMap<string, FlowNode>;
  readonly edges: readonly GraphEdge[];
  outgoing(nodeId: string): readonly GraphEdge[];
  incoming(nodeId: string): readonly GraphEdge[];
  node(nodeId: string): FlowNode | undefined;
}

export function edgeId(edge: FlowEdge): string {
  return edge.id ?? `${edge.from}->${edge.to}`;
}

export function buildGraph(definition: FlowDefinition): FlowGraph {
  const nodes = new Map<string, FlowNode>();
  for (const node of definition.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  const edges: GraphEdge[] = definition.edges.map((edge) => ({ ...edge, id: edgeId(edge) }));
  const out = new Map<string, GraphEdge[]>();
  const inc = new Map<string, GraphEdge[]>();
  for (const edge of edges) {
    out.set(edge.from, [...(out.get(edge.from) ?? []), edge]);
    inc.set(edge.to, [...(inc.get(edge.to) ?? []), edge]);
  }
  return {
    definition,
    nodes,
    edges,
    outgoing: (id) => out.get(id) ?? [],
    incoming: (id) => inc.get(id) ?? [],
    node: (id) => nodes.get(id),
  };
}
