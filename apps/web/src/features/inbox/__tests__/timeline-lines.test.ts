import { describe, expect, it } from 'vitest';
import type { FlowTimeline } from '../../../api/tasks.api';
import { returnOptions } from '../return-options';
import { timelineLines } from '../timeline-lines';

const SALES = '11111111-1111-4111-8111-111111111111';
const DIRECTOR = '22222222-2222-4222-8222-222222222222';
const BOSS = '33333333-3333-4333-8333-333333333333';

function timeline(overrides: Partial<FlowTimeline> = {}): FlowTimeline {
  return {
    instance: {
      id: 'i1',
      appKey: 'erp',
      flowKey: 'quote',
      version: 1,
      formKey: 'quote',
      recordId: 'r1',
      initiatorId: SALES,
      status: 'running',
      outcome: null,
      startedAt: '2027-03-01T02:00:00.000Z',
      endedAt: null,
    },
    tasks: [],
    history: [],
    users: { [SALES]: 'Wang (sales)', [DIRECTOR]: 'Zhang (director)', [BOSS]: 'Wu (boss)' },
    nodes: {
      start: { en: 'Sales submits' },
      director: { en: 'Director approves' },
      confirm: { en: 'Sales confirms' },
    },
    ...overrides,
  };
}
const at = (m: number) => `2027-03-01T02:${String(m).padStart(2, '0')}:00.000Z`;
const entry = (kind: string, extra: Partial<FlowTimeline['history'][number]> = {}) => ({
  at: at(0),
  kind,
  nodeId: null,
  taskId: null,
  actorId: null,
  detail: {},
  ...extra,
});

describe('a flow timeline as people read it', () => {
  it('names who did what at which step, keeps comments, and leaves out the engine bookkeeping', () => {
    const lines = timelineLines(
      timeline({
        history: [
          entry('instance-started', { actorId: SALES }),
          entry('node-entered', { nodeId: 'director', detail: { type: 'approval' } }),
          entry('tasks-created', { nodeId: 'director', detail: { users: [DIRECTOR] } }),
          entry('transferred', {
            nodeId: 'director',
            actorId: DIRECTOR,
            detail: { to: BOSS, comment: null },
          }),
          entry('returned', {
            nodeId: 'director',
            actorId: BOSS,
            detail: { to: 'start', comment: 'Price too low' },
          }),
          entry('approved', { nodeId: 'director', actorId: BOSS, detail: { comment: 'OK now' } }),
        ],
        instance: { ...timeline().instance, status: 'completed', outcome: 'approved', endedAt: at(9) },
      }),
    );
    expect(lines.map((l) => [l.kind, l.actor, l.people, l.target?.en ?? null, l.comment])).toEqual([
      ['instance-started', 'Wang (sales)', [], null, null],
      ['transferred', 'Zhang (director)', ['Wu (boss)'], null, null],
      ['returned', 'Wu (boss)', [], 'Sales submits', 'Price too low'],
      ['approved', 'Wu (boss)', [], null, 'OK now'],
      ['ended', null, [], null, null],
    ]);
    expect(lines.at(-1)).toMatchObject({ outcome: 'approved', tone: 'green' });
    expect(lines[3]!.node).toEqual({ en: 'Director approves' });
  });

  it('ends with who it waits for while it runs', () => {
    const lines = timelineLines(
      timeline({
        history: [entry('instance-started', { actorId: SALES })],
        tasks: [
          {
            id: 't1',
            nodeId: 'director',
            assigneeId: DIRECTOR,
            status: 'open',
            createdAt: at(1),
            completedAt: null,
            comment: null,
          },
          {
            id: 't2',
            nodeId: 'director',
            assigneeId: BOSS,
            status: 'open',
            createdAt: at(1),
            completedAt: null,
            comment: null,
          },
        ],
      }),
    );
    expect(lines.at(-1)).toMatchObject({ kind: 'waiting', people: ['Zhang (director)', 'Wu (boss)'] });
  });

  it.each([
    ['a rejection', { status: 'completed', outcome: 'rejected' }, 'red'],
    ['a withdrawal', { status: 'withdrawn', outcome: 'withdrawn' }, 'gray'],
  ])('colours the end of %s', (_name, state, tone) => {
    const lines = timelineLines(timeline({ instance: { ...timeline().instance, ...state, endedAt: at(5) } }));
    expect(lines.at(-1)).toMatchObject({ kind: 'ended', tone });
  });
});

describe('where a task may be returned to', () => {
  it('offers the initiator, then the earlier task steps once each, never the current one', () => {
    const options = returnOptions(
      timeline({
        history: [
          entry('node-entered', { nodeId: 'start', detail: { type: 'start' } }),
          entry('node-entered', { nodeId: 'confirm', detail: { type: 'user_task' } }),
          entry('node-entered', { nodeId: 'over_limit', detail: { type: 'exclusive_gateway' } }),
          entry('node-entered', { nodeId: 'confirm', detail: { type: 'user_task' } }),
          entry('node-entered', { nodeId: 'director', detail: { type: 'approval' } }),
        ],
      }),
      'director',
      'en',
      'The initiator',
    );
    expect(options).toEqual([
      { value: 'initiator', label: 'The initiator' },
      { value: 'confirm', label: 'Sales confirms' },
    ]);
  });
});
