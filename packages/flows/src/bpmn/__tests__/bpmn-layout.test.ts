import type { FlowDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { exportBpmn } from '../bpmn.export';
import { importBpmn } from '../bpmn.import';

const SIZE: Record<string, { w: number; h: number }> = {
  start: { w: 36, h: 36 },
  end: { w: 36, h: 36 },
  timer: { w: 36, h: 36 },
  exclusive_gateway: { w: 50, h: 50 },
  parallel_gateway: { w: 50, h: 50 },
  approval: { w: 100, h: 80 },
};

const approval = (id: string) => ({ id, type: 'approval', assignees: [{ kind: 'initiator' }] });
/** A fork into three reviews, a join, then a decision: drawn as one row before the layout. */
const unplaced = {
  key: 'contract',
  title: { en: 'Contract' },
  form: 'contract',
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'fork', type: 'parallel_gateway' },
    approval('legal'),
    approval('finance'),
    approval('sales'),
    { id: 'join', type: 'parallel_gateway' },
    { id: 'big', type: 'exclusive_gateway' },
    approval('ceo'),
    { id: 'end', type: 'end' },
  ],
  edges: [
    { from: 'start', to: 'fork' },
    { from: 'fork', to: 'legal' },
    { from: 'fork', to: 'finance' },
    { from: 'fork', to: 'sales' },
    { from: 'legal', to: 'join' },
    { from: 'finance', to: 'join' },
    { from: 'sales', to: 'join' },
    { from: 'join', to: 'big' },
    { from: 'big', to: 'ceo', condition: { '>': [{ var: 'amount' }, 100] } },
    { from: 'big', to: 'end', default: true },
    { from: 'ceo', to: 'end' },
  ],
} as unknown as FlowDefinition;

type Box = { x: number; y: number; w: number; h: number };
const onBorder = (p: { x: number; y: number }, b: Box) =>
  p.x >= b.x - 1 &&
  p.x <= b.x + b.w + 1 &&
  p.y >= b.y - 1 &&
  p.y <= b.y + b.h + 1 &&
  (Math.abs(p.x - b.x) <= 1 ||
    Math.abs(p.x - b.x - b.w) <= 1 ||
    Math.abs(p.y - b.y) <= 1 ||
    Math.abs(p.y - b.y - b.h) <= 1);

async function drawn(definition: FlowDefinition) {
  const back = await importBpmn(await exportBpmn(definition));
  if (!back.ok) throw new Error(JSON.stringify(back.errors));
  const boxes = new Map(
    back.definition.nodes.map((n) => [n.id, { ...n.position!, ...SIZE[n.type]! }] as const),
  );
  return { definition: back.definition, boxes };
}

describe('the BPMN export lays out flows that have no positions', () => {
  it('left to right, branches on their own rows, no overlaps, orthogonal edges from border to border', async () => {
    const { definition, boxes } = await drawn(unplaced);
    const all = [...boxes.entries()];
    for (const [a, p] of all)
      for (const [b, q] of all)
        if (a < b)
          expect(
            p.x + p.w <= q.x || q.x + q.w <= p.x || p.y + p.h <= q.y || q.y + q.h <= p.y,
            `${a} and ${b} overlap`,
          ).toBe(true);
    const rows = new Set(['legal', 'finance', 'sales'].map((id) => boxes.get(id)!.y));
    expect(rows.size).toBe(3);
    for (const edge of definition.edges) {
      const points = edge.waypoints!;
      expect(points.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < points.length; i++) {
        const [p, q] = [points[i - 1]!, points[i]!];
        expect(p.x === q.x || p.y === q.y, `${edge.from}→${edge.to} has a diagonal segment`).toBe(true);
      }
      expect(
        onBorder(points[0]!, boxes.get(edge.from)!),
        `${edge.from}→${edge.to} starts off its source`,
      ).toBe(true);
      expect(
        onBorder(points.at(-1)!, boxes.get(edge.to)!),
        `${edge.from}→${edge.to} ends off its target`,
      ).toBe(true);
      expect(boxes.get(edge.to)!.x).toBeGreaterThan(boxes.get(edge.from)!.x);
    }
  });

  it('a flow with positions keeps them, and its edges without waypoints turn at right angles', async () => {
    const placed = {
      ...unplaced,
      nodes: unplaced.nodes.map((n, i) => ({
        ...n,
        position: { x: 100 + i * 150, y: i % 2 === 0 ? 100 : 260 },
      })),
    } as FlowDefinition;
    const { definition, boxes } = await drawn(placed);
    expect(definition.nodes.map((n) => n.position)).toEqual(placed.nodes.map((n) => n.position));
    for (const edge of definition.edges) {
      const points = edge.waypoints!;
      for (let i = 1; i < points.length; i++)
        expect(points[i - 1]!.x === points[i]!.x || points[i - 1]!.y === points[i]!.y).toBe(true);
    }
    // a node moved after the import: its edges are drawn to where it is now, the others kept
    const moved = {
      ...definition,
      nodes: definition.nodes.map((n) => (n.id === 'ceo' ? { ...n, position: { x: 1500, y: 600 } } : n)),
    } as FlowDefinition;
    const again = await drawn(moved);
    const ceo = again.boxes.get('ceo')!;
    for (const edge of again.definition.edges) {
      const original = definition.edges.find((e) => e.from === edge.from && e.to === edge.to)!;
      if (edge.to === 'ceo') expect(onBorder(edge.waypoints!.at(-1)!, ceo)).toBe(true);
      else if (edge.from === 'ceo') expect(onBorder(edge.waypoints![0]!, ceo)).toBe(true);
      else expect(edge.waypoints).toEqual(original.waypoints);
    }
    expect(boxes.get('ceo')).not.toEqual(ceo);
  });
});
