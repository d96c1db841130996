import { describe, expect, it } from 'vitest';
import { simulate } from './flow-simulator';

/**
 * Issue 14.1: a write made by a step is stored before routing goes on, and a gateway decides on
 * the record as stored — here `total` is a formula over the line items (what the records service
 * computes, `derive`), never a value the core patched in itself.
 */
const total = (record: Record<string, unknown>) => ({
  total: ((record.items ?? []) as { qty: number; price: number }[]).reduce((s, i) => s + i.qty * i.price, 0),
});
const over = { '>': [{ var: 'total' }, 500] };

/** start → review (edits items) → over? → director | clerk → end */
const approvalThenGateway = {
  key: 'quote_flow',
  title: { en: 'Quote' },
  form: 'quote',
  nodes: [
    { id: 'start', type: 'start' },
    {
      id: 'review',
      type: 'approval',
      assignees: [{ kind: 'user', user: 'ann' }],
      fields: { items: 'edit' },
    },
    { id: 'over', type: 'exclusive_gateway' },
    { id: 'director', type: 'approval', assignees: [{ kind: 'user', user: 'dan' }] },
    { id: 'clerk', type: 'user_task', assignees: [{ kind: 'user', user: 'cal' }] },
    { id: 'end', type: 'end', outcome: 'approved' },
  ],
  edges: [
    { from: 'start', to: 'review' },
    { from: 'review', to: 'over' },
    { from: 'over', to: 'director', condition: over },
    { from: 'over', to: 'clerk', default: true },
    { from: 'director', to: 'end' },
    { from: 'clerk', to: 'end' },
  ],
};

/** start → over? → director | clerk, the clerk may return it to the initiator. */
const gatewayFirst = {
  ...approvalThenGateway,
  nodes: approvalThenGateway.nodes.filter((n) => n.id !== 'review'),
  edges: [
    { from: 'start', to: 'over' },
    { from: 'over', to: 'director', condition: over },
    { from: 'over', to: 'clerk', default: true },
    { from: 'director', to: 'end' },
    { from: 'clerk', to: 'end' },
  ],
};

/** start → set quantities (service) → over? → director | clerk */
const serviceThenGateway = {
  ...gatewayFirst,
  nodes: [
    ...gatewayFirst.nodes,
    {
      id: 'double',
      type: 'service',
      action: { type: 'update_record', set: { items: [{ qty: 10, price: 100 }] } },
    },
  ],
  edges: [{ from: 'start', to: 'double' }, { from: 'double', to: 'over' }, ...gatewayFirst.edges.slice(1)],
};

const assignees = { review: ['ann'], director: ['dan'], clerk: ['cal'] };
const lines = (qty: number) => ({ items: [{ qty, price: 100 }] });

describe('a gateway after a write sees the record as stored', () => {
  it.each([
    { name: 'raised past the limit at an approval: the director', from: 2, to: 9, next: 'director:dan' },
    { name: 'lowered under it at an approval: the clerk', from: 9, to: 2, next: 'clerk:cal' },
  ])('$name', ({ from, to, next }) => {
    const sim = simulate(approvalThenGateway, {
      assignees,
      derive: total,
      record: { ...lines(from), ...total(lines(from)) },
    });
    sim.start('alice');
    expect(sim.act('ann', 'review', { action: 'approve', values: lines(to) }).ok).toBe(true);
    expect(sim.open()).toEqual([next]);
    // The write and then the read of the stored record, before the gateway decided.
    const kinds = sim.commands.map((c) => c.type);
    expect(kinds.indexOf('update-record')).toBeLessThan(kinds.indexOf('reload-record'));
  });

  it.each([
    { name: 'resubmitted with more: the director', from: 2, to: 9, next: 'director:dan' },
    { name: 'resubmitted with less: the clerk', from: 9, to: 2, next: 'clerk:cal' },
  ])('$name', ({ from, to, next }) => {
    const record = { ...lines(from), ...total(lines(from)) };
    const sim = simulate(gatewayFirst, { assignees, derive: total, record });
    sim.start('alice');
    const [first] = sim.open();
    const [node, user] = first!.split(':') as [string, string];
    expect(sim.act(user, node, { action: 'return', returnTo: 'initiator' }).ok).toBe(true);
    expect(sim.act('alice', 'start', { action: 'resubmit', values: lines(to) }).ok).toBe(true);
    expect(sim.open()).toEqual([next]);
  });

  it('a service node writing the lines: the gateway sees the computed total', () => {
    const sim = simulate(serviceThenGateway, {
      assignees,
      derive: total,
      record: { ...lines(1), ...total(lines(1)) },
    });
    sim.start('alice');
    expect(sim.record.total).toBe(1000);
    expect(sim.open()).toEqual(['director:dan']);
  });

  it('an approval in "all" mode waits for the write, then for the other approvers', () => {
    const flow = {
      ...approvalThenGateway,
      nodes: approvalThenGateway.nodes.map((n) =>
        n.id === 'review' ? { ...n, mode: 'all', assignees: [{ kind: 'role', role: 'reviewers' }] } : n,
      ),
    };
    const sim = simulate(flow, {
      assignees: { ...assignees, review: ['ann', 'bob'] },
      derive: total,
      record: lines(2),
    });
    sim.start('alice');
    sim.act('ann', 'review', { action: 'approve', values: lines(9) });
    expect(sim.open()).toEqual(['review:bob']);
    expect(sim.state.tokens.map((t) => t.waitsFor)).toEqual(['tasks']);
    sim.act('bob', 'review', { action: 'approve' });
    expect(sim.open()).toEqual(['director:dan']);
  });
});
