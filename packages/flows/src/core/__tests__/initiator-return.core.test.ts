import { describe, expect, it } from 'vitest';
import { validateFlowDefinition } from '../../definitions/flow-definition.validator';
import { chain, DAY, simulate } from './flow-simulator';

const review = (extra: object = {}) => ({
  id: 'review',
  type: 'approval',
  assignees: [{ kind: 'role', role: 'reviewers' }],
  ...extra,
});
const boss = (extra: object = {}) => ({
  id: 'boss',
  type: 'approval',
  assignees: [{ kind: 'user', user: 'zed' }],
  ...extra,
});
const assignees = { review: ['ann', 'bob'], boss: ['zed'] };

describe('return to the initiator (退回发起人)', () => {
  it('the request goes back to alice, who edits the amount and resubmits; it runs from the start again', () => {
    const sim = simulate(chain([review({ mode: 'any' }), boss()]), { assignees, record: { amount: 900 } });
    sim.start('alice');
    sim.act('ann', 'review', { action: 'approve' });
    expect(sim.act('zed', 'boss', { action: 'return', returnTo: 'initiator', comment: 'too much' }).ok).toBe(
      true,
    );
    expect(sim.open()).toEqual(['start:alice']);
    expect(sim.state.status).toBe('running');
    expect(sim.timeline.filter((l) => l.kind === 'returned').at(-1)?.detail).toMatchObject({
      to: 'start',
      initiator: true,
      comment: 'too much',
    });
    // Nobody to remind (催办) while the request waits for alice herself.
    expect(sim.send({ type: 'remind', actorId: 'alice' } as never)).toMatchObject({ code: 'TASK_NOT_OPEN' });
    // Only the initiator may act, and only resubmit / comment.
    expect(sim.act('alice', 'start', { action: 'approve' })).toMatchObject({ code: 'ACTION_NOT_ALLOWED' });
    expect(
      sim.send({
        type: 'task-action',
        taskId: sim.taskOf('start', 'alice').id,
        actorId: 'zed',
        action: 'resubmit',
      } as never),
    ).toMatchObject({ code: 'NOT_ASSIGNEE' });
    expect(sim.act('alice', 'start', { action: 'resubmit', values: { amount: 700 } }).ok).toBe(true);
    expect(sim.record.amount).toBe(700);
    expect(sim.open()).toEqual(['review:ann', 'review:bob']);
    sim.act('bob', 'review', { action: 'approve' });
    sim.act('zed', 'boss', { action: 'approve' });
    expect(sim.state).toMatchObject({ status: 'completed', outcome: 'approved' });
  });

  it('onReturn.set restores the record when the request goes back to the initiator, however it goes', () => {
    const onReturn = { set: { status: 'draft', note: { cat: ['was ', { var: 'status' }] } } };
    // a task's return action
    const returned = simulate(chain([review()], { onReturn }), {
      assignees,
      record: { status: 'pending_approval' },
    });
    returned.start('alice');
    const out = returned.act('ann', 'review', { action: 'return', returnTo: 'initiator' });
    expect(out.commands).toContainEqual({
      type: 'update-record',
      set: { status: 'draft', note: 'was pending_approval' },
    });
    expect(returned.record).toMatchObject({ status: 'draft' });
    expect(returned.open()).toEqual(['start:alice']);
    // a rejection that returns to the initiator: the node's own set is written after it
    const rejected = simulate(
      chain([review({ onReject: { action: 'return_to_initiator', set: { status: 'rejected' } } })], {
        onReturn,
      }),
      { assignees, record: { status: 'pending_approval' } },
    );
    rejected.start('alice');
    rejected.act('ann', 'review', { action: 'reject' });
    expect(rejected.open()).toEqual(['start:alice']);
    expect(rejected.record).toMatchObject({ status: 'rejected', note: 'was pending_approval' });
    // a return to an earlier node keeps the request with the approvers: the record is untouched
    const earlier = simulate(chain([review(), boss({ returnTo: ['review'] })], { onReturn }), {
      assignees,
      record: { status: 'pending_approval' },
    });
    earlier.start('alice');
    earlier.act('ann', 'review', { action: 'approve' });
    earlier.act('zed', 'boss', { action: 'return', returnTo: 'review' });
    expect(earlier.open()).toEqual(['review:ann', 'review:bob']);
    expect(earlier.record).toMatchObject({ status: 'pending_approval' });
  });

  it('onReturn.set must compile', () => {
    const result = validateFlowDefinition(chain([review()], { onReturn: { set: { status: { nope: [] } } } }));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toContain('/onReturn/set');
  });

  it('a plain return from the first approval goes to the initiator', () => {
    const sim = simulate(chain([review()]), { assignees });
    sim.start('alice');
    expect(sim.act('ann', 'review', { action: 'return' }).ok).toBe(true);
    expect(sim.open()).toEqual(['start:alice']);
  });

  it('the start node’s fields limit what the initiator may change before resubmitting', () => {
    const flow = chain([review()]);
    (flow.nodes[0] as { fields?: object }).fields = { amount: 'edit', customer: 'read' };
    const sim = simulate(flow, { assignees, record: { amount: 1, customer: 'ACME' } });
    sim.start('alice');
    sim.act('ann', 'review', { action: 'return' });
    expect(sim.act('alice', 'start', { action: 'resubmit', values: { customer: 'Other' } })).toMatchObject({
      code: 'FIELD_NOT_EDITABLE',
    });
    expect(sim.act('alice', 'start', { action: 'resubmit', values: { amount: 2 } }).ok).toBe(true);
  });

  it('a return to the initiator stops every parallel branch', () => {
    const sim = simulate(
      {
        key: 'parallel',
        title: { en: 'Parallel' },
        form: 'quote',
        nodes: [
          { id: 'start', type: 'start' },
          { id: 'fork', type: 'parallel_gateway' },
          review(),
          boss(),
          { id: 'join', type: 'parallel_gateway' },
          { id: 'end', type: 'end', outcome: 'approved' },
        ],
        edges: [
          { from: 'start', to: 'fork' },
          { from: 'fork', to: 'review' },
          { from: 'fork', to: 'boss' },
          { from: 'review', to: 'join' },
          { from: 'boss', to: 'join' },
          { from: 'join', to: 'end' },
        ],
      },
      { assignees },
    );
    sim.start('alice');
    expect(sim.open()).toEqual(['boss:zed', 'review:ann', 'review:bob']);
    sim.act('zed', 'boss', { action: 'return', returnTo: 'initiator' });
    expect(sim.open()).toEqual(['start:alice']);
    expect(sim.state.tokens).toHaveLength(1);
    sim.act('alice', 'start', { action: 'resubmit' });
    expect(sim.open()).toEqual(['boss:zed', 'review:ann', 'review:bob']);
  });
});

describe('onReject', () => {
  it('by default a rejection ends the instance with outcome rejected', () => {
    const sim = simulate(chain([review()]), { assignees });
    sim.start('alice');
    sim.act('ann', 'review', { action: 'reject', comment: 'no budget' });
    expect(sim.state).toMatchObject({ status: 'completed', outcome: 'rejected' });
  });

  it('return_to_initiator: a rejection sends the request back to alice instead of ending it', () => {
    const sim = simulate(chain([review({ onReject: { action: 'return_to_initiator' } })]), { assignees });
    sim.start('alice');
    sim.act('ann', 'review', { action: 'reject', comment: 'fix the discount' });
    expect(sim.state.status).toBe('running');
    expect(sim.open()).toEqual(['start:alice']);
    expect(sim.state.decisions.review).toBe('rejected');
  });

  it('return_to_initiator without an initiator (a system start) ends the instance rejected', () => {
    const sim = simulate(chain([review({ onReject: { action: 'return_to_initiator' } })]), { assignees });
    sim.start(null);
    sim.act('ann', 'review', { action: 'reject' });
    expect(sim.state).toMatchObject({ status: 'completed', outcome: 'rejected' });
  });

  it('return: the boss rejecting sends the request back to the reviewers', () => {
    const sim = simulate(chain([review(), boss({ onReject: { action: 'return', to: 'review' } })]), {
      assignees,
    });
    sim.start('alice');
    sim.act('ann', 'review', { action: 'approve' });
    sim.act('zed', 'boss', { action: 'reject' });
    expect(sim.state.status).toBe('running');
    expect(sim.open()).toEqual(['review:ann', 'review:bob']);
  });

  it('an overdue auto-reject follows onReject too', () => {
    const sim = simulate(
      chain([
        review({ due: { after: 'P1D', action: 'reject' }, onReject: { action: 'return_to_initiator' } }),
      ]),
      { assignees },
    );
    sim.start('alice');
    sim.advance(DAY + 1);
    expect(sim.open()).toEqual(['start:alice']);
  });

  it('publishing refuses an onReject that cannot work', () => {
    const errors = (node: object) => {
      const result = validateFlowDefinition(chain([review(), boss(node)]));
      return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
    };
    expect(errors({ onReject: { action: 'return' } })).toEqual([
      '/nodes/2/onReject/to: a return on rejection needs "to": another approval or user-task node of this flow',
    ]);
    expect(errors({ onReject: { action: 'return', to: 'end' } })).toHaveLength(1);
    expect(errors({ onReject: { action: 'end', to: 'review' } })).toEqual([
      '/nodes/2/onReject/to: "to" only applies to onReject action "return"',
    ]);
    expect(errors({ onReject: { action: 'return', to: 'review' } })).toEqual([]);
    const later = validateFlowDefinition(
      chain([review({ onReject: { action: 'return', to: 'boss' } }), boss()]),
    );
    expect(later.ok ? [] : later.errors.map((e) => e.message)).toEqual([
      '"boss" does not come before "review": nothing leads from it here',
    ]);
    expect(errors({ actions: ['approve', 'resubmit'] })).toHaveLength(1);
  });
});
