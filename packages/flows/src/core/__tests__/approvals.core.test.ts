import { describe, expect, it } from 'vitest';
import { chain, DAY, HOUR, simulate } from './flow-simulator';

const users = ['ann', 'bob', 'cai'];
const approval = (extra: object = {}) => ({
  id: 'review',
  type: 'approval',
  assignees: [{ kind: 'role', role: 'reviewers' }],
  ...extra,
});
const run = (extra: object = {}, more: object[] = []) => {
  const sim = simulate(chain([approval(extra), ...more]), { assignees: { review: users, boss: ['zed'] } });
  sim.start();
  return sim;
};

describe('approval modes', () => {
  it.each([
    // mode, who approves (in order), still running after each?
    { mode: 'any', acts: ['bob'], running: [false] },
    { mode: 'all', acts: ['ann', 'bob', 'cai'], running: [true, true, false] },
    { mode: 'vote', passRatio: 0.6, acts: ['ann', 'cai'], running: [true, false] },
  ])('$mode: approvals by $acts', ({ mode, passRatio, acts, running }) => {
    const sim = run({ mode, ...(passRatio ? { passRatio } : {}) });
    expect(sim.open()).toEqual(['review:ann', 'review:bob', 'review:cai']);
    acts.forEach((user, i) => {
      expect(sim.act(user, 'review', { action: 'approve' }).ok).toBe(true);
      expect(sim.state.status === 'running').toBe(running[i]);
    });
    expect(sim.state.outcome).toBe('approved');
    expect(sim.open()).toEqual([]);
  });

  it('any-one (或签): the first decision wins, the other tasks are cancelled, a second approver is refused', () => {
    const sim = run({ mode: 'any' });
    sim.act('ann', 'review', { action: 'approve' });
    expect(sim.state.tasks.map((t) => t.status)).toEqual(['approved', 'cancelled', 'cancelled']);
    const late = sim.send({
      type: 'task-action',
      taskId: sim.taskOf('review', 'bob').id,
      actorId: 'bob',
      action: 'approve',
    } as never);
    expect(late).toMatchObject({ ok: false });
  });

  it('sequential (依次): one task open at a time, in order', () => {
    const sim = run({ mode: 'sequential' });
    expect(sim.open()).toEqual(['review:ann']);
    sim.act('ann', 'review', { action: 'approve' });
    expect(sim.open()).toEqual(['review:bob']);
    expect(sim.act('cai', 'review', { action: 'approve' })).toMatchObject({ ok: false });
    sim.act('bob', 'review', { action: 'approve' });
    sim.act('cai', 'review', { action: 'approve' });
    expect(sim.state.outcome).toBe('approved');
  });

  it.each([
    { mode: 'any', rejecter: 'bob' },
    { mode: 'all', rejecter: 'cai' },
    { mode: 'sequential', rejecter: 'ann' },
  ])('reject (驳回) in $mode ends the request as rejected', ({ mode, rejecter }) => {
    const sim = run({ mode });
    sim.act(rejecter, 'review', { action: 'reject', comment: 'price too low' });
    expect(sim.state).toMatchObject({
      status: 'completed',
      outcome: 'rejected',
      decisions: { review: 'rejected' },
    });
    expect(sim.open()).toEqual([]);
    expect(sim.timeline.find((e) => e.kind === 'rejected')?.detail).toEqual({ comment: 'price too low' });
  });

  it('vote: fails as soon as the pass ratio can no longer be reached', () => {
    const sim = run({ mode: 'vote', passRatio: 0.6 });
    sim.act('ann', 'review', { action: 'reject' });
    expect(sim.state.status).toBe('running');
    sim.act('bob', 'review', { action: 'reject' });
    expect(sim.state.outcome).toBe('rejected');
  });
});

describe('approval actions', () => {
  it('transfer (转交): the task moves to another person', () => {
    const sim = run({ mode: 'all' });
    sim.act('ann', 'review', { action: 'transfer', userIds: ['dan'] });
    expect(sim.open()).toEqual(['review:bob', 'review:cai', 'review:dan']);
    for (const u of ['bob', 'cai', 'dan']) sim.act(u, 'review', { action: 'approve' });
    expect(sim.state.outcome).toBe('approved');
    expect(sim.act('ann', 'review', { action: 'approve' }).ok).toBe(false);
  });

  it('add a signer before (前加签): the signer decides first, then the task comes back', () => {
    const sim = run({ mode: 'any' });
    sim.act('ann', 'review', { action: 'add_signer_before', userIds: ['dan'] });
    expect(sim.taskOf('review', 'ann').status).toBe('waiting');
    expect(sim.commands).toContainEqual({ type: 'suspend-task', taskId: sim.taskOf('review', 'ann').id });
    sim.act('dan', 'review', { action: 'approve' });
    expect(sim.state.status).toBe('running');
    expect(sim.taskOf('review', 'ann').status).toBe('open');
    sim.act('ann', 'review', { action: 'approve' });
    expect(sim.state.outcome).toBe('approved');
  });

  it('add a signer after (后加签): my approval counts, the node then waits for the added signer', () => {
    const sim = run({ mode: 'any' });
    sim.act('ann', 'review', { action: 'add_signer_after', userIds: ['dan'] });
    expect(sim.taskOf('review', 'ann').status).toBe('approved');
    expect(sim.state.status).toBe('running');
    sim.act('dan', 'review', { action: 'approve' });
    expect(sim.state.outcome).toBe('approved');
  });

  it('an added signer who rejects rejects the request', () => {
    const sim = run({ mode: 'all' });
    sim.act('ann', 'review', { action: 'add_signer_after', userIds: ['dan'] });
    sim.act('dan', 'review', { action: 'reject' });
    expect(sim.state.outcome).toBe('rejected');
  });

  it('return (退回) to an earlier node: its people get new tasks', () => {
    const sim = run({}, [{ id: 'boss', type: 'approval', assignees: [{ kind: 'user', user: 'zed' }] }]);
    sim.act('ann', 'review', { action: 'approve' });
    expect(sim.open()).toEqual(['boss:zed']);
    expect(sim.act('zed', 'boss', { action: 'return', comment: 'check the discount' }).ok).toBe(true);
    expect(sim.open()).toEqual(['review:ann', 'review:bob', 'review:cai']);
    sim.act('bob', 'review', { action: 'approve' });
    sim.act('zed', 'boss', { action: 'approve' });
    expect(sim.state.outcome).toBe('approved');
  });

  it('return is refused with nowhere to go, or to a node not listed in returnTo', () => {
    // No earlier task node and no initiator to give it back to (a flow the system started).
    const first = simulate(chain([approval()]), { assignees: { review: users } });
    first.start(null);
    expect(first.act('ann', 'review', { action: 'return' })).toMatchObject({
      ok: false,
      code: 'RETURN_TARGET_INVALID',
    });
    expect(first.act('ann', 'review', { action: 'return', returnTo: 'initiator' })).toMatchObject({
      ok: false,
      code: 'RETURN_TARGET_INVALID',
    });
    const limited = run({}, [
      { id: 'boss', type: 'approval', assignees: [{ kind: 'user', user: 'zed' }], returnTo: ['review'] },
    ]);
    limited.act('ann', 'review', { action: 'approve' });
    expect(limited.act('zed', 'boss', { action: 'return', returnTo: 'initiator' })).toMatchObject({
      ok: false,
      code: 'RETURN_TARGET_INVALID',
    });
  });

  it('CC (抄送) by an approver and the node’s CC list when it passes', () => {
    const sim = run({ cc: [{ kind: 'role', role: 'finance' }] });
    sim.act('ann', 'review', { action: 'cc', userIds: ['fei'] });
    expect(sim.commands).toContainEqual({
      type: 'cc',
      nodeId: 'review',
      byUserId: 'ann',
      to: [],
      userIds: ['fei'],
    });
    sim.act('ann', 'review', { action: 'approve' });
    expect(sim.commands).toContainEqual({
      type: 'cc',
      nodeId: 'review',
      byUserId: null,
      to: [{ kind: 'role', role: 'finance' }],
      userIds: [],
    });
  });

  it('comment: recorded on the timeline, the task stays open', () => {
    const sim = run();
    sim.act('ann', 'review', { action: 'comment', comment: 'looking at it' });
    expect(sim.open()).toHaveLength(3);
    expect(sim.timeline.at(-1)).toMatchObject({
      kind: 'commented',
      actorId: 'ann',
      detail: { comment: 'looking at it' },
    });
  });

  it('withdraw (撤回) by the initiator cancels every open task; others and forbidding flows are refused', () => {
    const sim = run();
    expect(sim.send({ type: 'withdrawn', actorId: 'bob' } as never)).toMatchObject({
      ok: false,
      code: 'WITHDRAW_NOT_ALLOWED',
    });
    sim.send({ type: 'withdrawn', actorId: 'alice' } as never);
    expect(sim.state).toMatchObject({ status: 'withdrawn', outcome: 'withdrawn' });
    expect(sim.state.tasks.every((t) => t.status === 'cancelled')).toBe(true);
    const locked = simulate(chain([approval()], { allowWithdraw: false }), { assignees: { review: users } });
    locked.start();
    expect(locked.send({ type: 'withdrawn', actorId: 'alice' } as never)).toMatchObject({ ok: false });
  });

  it('onWithdraw restores the record before the instance ends; onReject.set writes the rejection', () => {
    const withdrawing = simulate(
      chain([approval()], {
        onWithdraw: { set: { status: 'draft', note: { cat: ['was ', { var: 'status' }] } } },
      }),
      { assignees: { review: users }, record: { status: 'pending_approval' } },
    );
    withdrawing.start();
    const out = withdrawing.send({ type: 'withdrawn', actorId: 'alice' } as never);
    const types = out.commands.map((c: { type: string }) => c.type);
    expect(out.commands).toContainEqual({
      type: 'update-record',
      set: { status: 'draft', note: 'was pending_approval' },
    });
    expect(types.indexOf('update-record')).toBeLessThan(types.indexOf('complete-instance'));
    expect(withdrawing.record).toMatchObject({ status: 'draft' });
    // a refused withdrawal writes nothing
    expect(withdrawing.send({ type: 'withdrawn', actorId: 'alice' } as never)).toMatchObject({ ok: false });

    const rejecting = simulate(
      chain([approval({ onReject: { action: 'end', set: { status: 'rejected' } } })]),
      {
        assignees: { review: users },
        record: { status: 'pending_approval' },
      },
    );
    rejecting.start();
    rejecting.act('ann', 'review', { action: 'reject' });
    expect(rejecting.state).toMatchObject({ status: 'completed', outcome: 'rejected' });
    expect(rejecting.record).toMatchObject({ status: 'rejected' });
  });

  it('remind (催办) notifies the open tasks, at most once an hour', () => {
    const sim = run({ mode: 'sequential' });
    const first = sim.send({ type: 'remind', actorId: 'alice' } as never);
    expect(first.commands).toEqual([
      expect.objectContaining({ type: 'notify', reason: 'remind', userIds: ['ann'] }),
    ]);
    expect(sim.send({ type: 'remind', actorId: 'alice' } as never)).toMatchObject({
      ok: false,
      code: 'REMIND_THROTTLED',
    });
    sim.advance(HOUR);
    expect(sim.send({ type: 'remind', actorId: 'alice' } as never).ok).toBe(true);
  });

  it('actions not offered at the node, or by someone else, are refused', () => {
    const sim = run({ actions: ['approve', 'reject'] });
    expect(sim.act('ann', 'review', { action: 'transfer', userIds: ['dan'] })).toMatchObject({
      code: 'ACTION_NOT_ALLOWED',
    });
    const task = sim.taskOf('review', 'ann');
    expect(
      sim.send({ type: 'task-action', taskId: task.id, actorId: 'mallory', action: 'approve' } as never),
    ).toMatchObject({
      code: 'NOT_ASSIGNEE',
    });
  });
});

describe('field permissions', () => {
  it('the approver may write the editable fields only', () => {
    const sim = run({ fields: { discount: 'edit', amount: 'read', cost: 'hidden' } });
    expect(sim.act('ann', 'review', { action: 'approve', values: { amount: 1 } })).toMatchObject({
      code: 'FIELD_NOT_EDITABLE',
    });
    sim.act('ann', 'review', { action: 'approve', values: { discount: 0.1 } });
    expect(sim.record.discount).toBe(0.1);
    expect(sim.commands).toContainEqual({ type: 'update-record', set: { discount: 0.1 }, actorId: 'ann' });
  });
});

describe('due time', () => {
  it.each([
    { action: 'approve', status: 'completed', outcome: 'approved' },
    { action: 'reject', status: 'completed', outcome: 'rejected' },
  ])('auto-$action when the task is overdue', ({ action, status, outcome }) => {
    const sim = run({ due: { after: 'P2D', action } });
    expect(sim.taskOf('review', 'ann').dueAt).toBe('2026-01-07T09:00:00.000Z');
    sim.advance(2 * DAY);
    expect(sim.state).toMatchObject({ status, outcome });
  });

  it('auto-remind, again every remindEvery, until someone acts', () => {
    const sim = run({ due: { after: 'P1D', remindEvery: 'PT4H' } });
    sim.advance(DAY);
    sim.advance(4 * HOUR);
    expect(sim.commands.filter((c) => c.type === 'notify' && c.reason === 'due')).toHaveLength(2);
    sim.act('ann', 'review', { action: 'approve' });
    expect(sim.state.timers).toEqual([]);
    expect(sim.commands.at(-2)).toMatchObject({ type: 'cancel-timer' });
  });

  it('auto-return to the previous approval when overdue', () => {
    const sim = run({}, [
      {
        id: 'boss',
        type: 'approval',
        assignees: [{ kind: 'user', user: 'zed' }],
        due: { after: 'PT8H', action: 'return' },
      },
    ]);
    sim.act('cai', 'review', { action: 'approve' });
    sim.advance(8 * HOUR);
    expect(sim.open()).toEqual(['review:ann', 'review:bob', 'review:cai']);
    expect(sim.timeline.find((e) => e.kind === 'returned')?.detail).toEqual({
      to: 'review',
      reason: 'overdue',
    });
  });
});

describe('assignee fallback', () => {
  it('auto_pass: nobody resolves and the node passes', () => {
    const sim = simulate(chain([{ ...approval(), fallback: 'auto_pass' }]), { assignees: {} });
    sim.start();
    expect(sim.state).toMatchObject({ status: 'completed', outcome: 'approved' });
  });
  it('error: nobody resolves and the instance stops with a clear error', () => {
    const sim = simulate(chain([{ ...approval(), fallback: 'error' }]), { assignees: {} });
    sim.start();
    expect(sim.state).toMatchObject({ status: 'failed', error: { code: 'no_assignee' } });
  });
});
