import type { ModdleElement } from './moddle-types';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface DiagramLayout {
  /** element id → the top-left corner of its shape. */
  readonly shapes: ReadonlyMap<string, Point>;
  /** sequence flow id → its waypoints. */
  readonly edges: ReadonlyMap<string, readonly Point[]>;
}

const point = (p: ModdleElement): Point => ({ x: Number(p.x), y: Number(p.y) });

/**
 * Where the diagram (BPMNDI) draws each element: shapes and edges of every diagram, keyed by the
 * id of the element they draw, so the layout survives an import (and the export writes it back).
 */
export function readDiagramLayout(definitions: ModdleElement): DiagramLayout {
  const shapes = new Map<string, Point>();
  const edges = new Map<string, Point[]>();
  for (const diagram of (definitions.diagrams ?? []) as ModdleElement[]) {
    for (const item of (diagram.plane?.planeElement ?? []) as ModdleElement[]) {
      const id = item.bpmnElement?.id as string | undefined;
      if (!id) continue;
      if (item.$type === 'bpmndi:BPMNShape' && item.bounds) shapes.set(id, point(item.bounds));
      if (item.$type === 'bpmndi:BPMNEdge' && (item.waypoint ?? []).length >= 2)
        edges.set(id, (item.waypoint as ModdleElement[]).map(point));
    }
  }
  return { shapes, edges };
}
