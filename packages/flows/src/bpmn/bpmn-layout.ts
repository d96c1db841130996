import type { FlowDefinition } from '@tessera/schema';
import ELK, { type ElkExtendedEdge } from 'elkjs/lib/elk.bundled.js';
import type { Point } from './bpmn-diagram.reader';

export interface Size {
  readonly w: number;
  readonly h: number;
}

export interface FlowLayout {
  /** node id → top-left corner of its shape. */
  readonly nodes: ReadonlyMap<string, Point>;
  /** edge index → waypoints from source to target. */
  readonly edges: ReadonlyMap<number, readonly Point[]>;
}

/** Where the diagram starts on the modeler's canvas. */
const MARGIN = 100;

/**
 * An orthogonal route between two shapes: out of the source's right side, into the target's
 * left side, turning once half-way (straight when they share a row).
 */
export function elbow(from: Point, fromSize: Size, to: Point, toSize: Size): Point[] {
  const start = { x: from.x + fromSize.w, y: from.y + fromSize.h / 2 };
  const end = { x: to.x, y: to.y + toSize.h / 2 };
  if (start.y === end.y) return [start, end];
  const midX = (start.x + end.x) / 2;
  return [start, { x: midX, y: start.y }, { x: midX, y: end.y }, end];
}

/** Shapes of other modelers differ a little in size from ours (a 40 px gateway): the slack. */
const SLACK = 15;
const near = (p: Point, at: Point, size: Size) =>
  p.x >= at.x - SLACK && p.x <= at.x + size.w + SLACK && p.y >= at.y - SLACK && p.y <= at.y + size.h + SLACK;

/**
 * The layout of a flow for its BPMN diagram. When every node has a position (set in the designer,
 * or read from an imported diagram) the flow's own layout is used — with its edges' waypoints
 * while they still meet their shapes, else elbows. Otherwise the whole flow is laid out left to right by ELK's layered algorithm
 * with orthogonal edges, so a modeler draws it readably instead of as one long row.
 */
export async function layoutFlow(
  definition: FlowDefinition,
  sizeOf: (nodeId: string) => Size,
): Promise<FlowLayout> {
  const nodes = new Map<string, Point>();
  const edges = new Map<number, readonly Point[]>();
  if (definition.nodes.every((n) => n.position)) {
    for (const node of definition.nodes) nodes.set(node.id, node.position!);
    definition.edges.forEach((edge, i) => {
      const from = nodes.get(edge.from);
      const to = nodes.get(edge.to);
      if (!from || !to) return;
      const [first, last] = [edge.waypoints?.[0], edge.waypoints?.at(-1)];
      // waypoints that no longer meet their shapes (a node moved since) are drawn anew
      const kept = first && last && near(first, from, sizeOf(edge.from)) && near(last, to, sizeOf(edge.to));
      edges.set(i, kept ? edge.waypoints! : elbow(from, sizeOf(edge.from), to, sizeOf(edge.to)));
    });
    return { nodes, edges };
  }
  const elk = new ELK();
  const graph = await elk.layout({
    id: 'flow',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '60',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: definition.nodes.map((n) => ({ id: n.id, width: sizeOf(n.id).w, height: sizeOf(n.id).h })),
    edges: definition.edges.map((e, i) => ({ id: `edge_${i}`, sources: [e.from], targets: [e.to] })),
  });
  const at = (p: { x?: number; y?: number }): Point => ({
    x: Math.round((p.x ?? 0) + MARGIN),
    y: Math.round((p.y ?? 0) + MARGIN),
  });
  for (const child of graph.children ?? []) nodes.set(child.id, at(child));
  for (const edge of (graph.edges ?? []) as ElkExtendedEdge[]) {
    const section = edge.sections?.[0];
    if (!section) continue;
    const index = Number(edge.id.replace('edge_', ''));
    edges.set(index, [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(at));
  }
  return { nodes, edges };
}
