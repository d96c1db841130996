import { describe, expect, it } from 'vitest';
import { validateFlowDefinition } from '../flow-definition.validator';

const base = {
  key: 'f',
  title: { en: 'F' },
  form: 'quote',
};
const start = { id: 'start', type: 'start' };
const end = { id: 'end', type: 'end' };
const task = (id: string) => ({ id, type: 'user_task', assignees: [{ kind: 'initiator' }] });

describe('validateFlowDefinition', () => {
  it('accepts a straight flow', () => {
    const result = validateFlowDefinition({
      ...base,
      nodes: [start, task('a'), end],
      edges: [
        { from: 'start', to: 'a' },
        { from: 'a', to: 'end' },
      ],
    });
    expect(result.ok).toBe(true);
  });

  it.each([
    {
      name: 'two start nodes',
      nodes: [start, { id: 's2', type: 'start' }, end],
      edges: [
        { from: 'start', to: 'end' },
        { from: 's2', to: 'end' },
      ],
      message: 'exactly one start node',
    },
    {
      name: 'an unreachable node',
      nodes: [start, task('a'), end],
      edges: [
        { from: 'start', to: 'end' },
        { from: 'a', to: 'end' },
      ],
      message: 'node "a" cannot be reached from the start',
    },
    {
      name: 'a dead end',
      nodes: [start, task('a'), task('b'), end],
      edges: [
        { from: 'start', to: 'a' },
        { from: 'a', to: 'end' },
        { from: 'start', to: 'b' },
      ],
      message: 'no path leads from node "b" to an end',
    },
    {
      name: 'a sub-flow (not run by this engine yet)',
      nodes: [start, { id: 'sub', type: 'subflow', flow: 'other' }, end],
      edges: [
        { from: 'start', to: 'sub' },
        { from: 'sub', to: 'end' },
      ],
      message: 'sub-flow "sub" is not supported by this engine version yet',
    },
    {
      name: 'submitWhen without record_submitted',
      nodes: [{ ...start, submitWhen: { '==': [{ var: 'status' }, 'submitted'] } }, end],
      edges: [{ from: 'start', to: 'end' }],
      message: 'submitWhen only applies with on: ["record_submitted"]',
    },
    {
      name: 'an edge to a missing node',
      nodes: [start, end],
      edges: [{ from: 'start', to: 'nowhere' }],
      message: 'no node "nowhere"',
    },
    {
      name: 'a gateway without default',
      nodes: [start, { id: 'g', type: 'exclusive_gateway' }, task('a'), end],
      edges: [
        { from: 'start', to: 'g' },
        { from: 'g', to: 'a', condition: { '>': [{ var: 'amount' }, 1] } },
        { from: 'g', to: 'end', condition: { '<=': [{ var: 'amount' }, 1] } },
        { from: 'a', to: 'end' },
      ],
      message: 'needs exactly one default edge',
    },
    {
      name: 'a condition with an unknown operator',
      nodes: [start, { id: 'g', type: 'exclusive_gateway' }, task('a'), end],
      edges: [
        { from: 'start', to: 'g' },
        { from: 'g', to: 'a', condition: { method: ['x', 'y'] } },
        { from: 'g', to: 'end', default: true },
        { from: 'a', to: 'end' },
      ],
      message: 'method',
    },
    {
      name: 'a join without a matching fork',
      nodes: [
        start,
        { id: 'g', type: 'exclusive_gateway' },
        task('a'),
        task('b'),
        { id: 'j', type: 'parallel_gateway' },
        end,
      ],
      edges: [
        { from: 'start', to: 'g' },
        { from: 'g', to: 'a', condition: { '==': [1, 1] } },
        { from: 'g', to: 'b', default: true },
        { from: 'a', to: 'j' },
        { from: 'b', to: 'j' },
        { from: 'j', to: 'end' },
      ],
      message: 'parallel join "j" has 2 incoming edges but no fork',
    },
    {
      name: 'a node type version newer than the engine',
      nodes: [start, { ...task('a'), typeVersion: 9 }, end],
      edges: [
        { from: 'start', to: 'a' },
        { from: 'a', to: 'end' },
      ],
      message: 'user_task version 9 is newer than this engine runs',
    },
    {
      name: 'a timer with both duration and until',
      nodes: [start, { id: 't', type: 'timer', duration: 'P1D', until: 'due' }, end],
      edges: [
        { from: 'start', to: 't' },
        { from: 't', to: 'end' },
      ],
      message: 'exactly one of duration / until',
    },
    {
      name: 'a forEach filter with an unknown operator',
      nodes: [
        start,
        {
          id: 's',
          type: 'service',
          action: {
            type: 'create_record',
            form: 'suggestion',
            forEach: { from: 'items', where: { method: ['x', 'y'] } },
            values: {},
          },
        },
        end,
      ],
      edges: [
        { from: 'start', to: 's' },
        { from: 's', to: 'end' },
      ],
      message: 'method',
    },
    {
      name: 'a condition on an edge no exclusive gateway reads (pack validate refused it first)',
      nodes: [start, task('a'), end],
      edges: [
        { from: 'start', to: 'a' },
        { from: 'a', to: 'end', condition: { '>': [{ var: 'amount' }, 1] } },
      ],
      message: "'condition' and 'default' apply only to edges leaving an exclusive gateway",
    },
    {
      name: 'an edge leaving an end',
      nodes: [start, task('a'), end],
      edges: [
        { from: 'start', to: 'a' },
        { from: 'a', to: 'end' },
        { from: 'end', to: 'a' },
      ],
      message: 'no edge may leave an end node',
    },
    {
      name: 'a vote without its pass ratio',
      nodes: [start, { ...task('a'), mode: 'vote' }, end],
      edges: [
        { from: 'start', to: 'a' },
        { from: 'a', to: 'end' },
      ],
      message: 'mode "vote" needs passRatio',
    },
  ])('refuses $name', ({ nodes, edges, message }) => {
    const result = validateFlowDefinition({ ...base, nodes, edges });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.message).join('\n')).toContain(message);
  });

  it('refuses onWithdraw / onReject values that are not JSON-Logic, naming the path', () => {
    const result = validateFlowDefinition({
      ...base,
      onWithdraw: { set: { status: 'draft', note: { method: ['x'] } } },
      nodes: [start, { ...task('a'), onReject: { action: 'end', set: { status: { nope: [] } } } }, end],
      edges: [
        { from: 'start', to: 'a' },
        { from: 'a', to: 'end' },
      ],
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((e) => e.path).sort()).toEqual([
        '/nodes/1/onReject/set/status',
        '/onWithdraw/set/note',
      ]);
  });

  it('accepts a fork whose branches meet at a join', () => {
    const result = validateFlowDefinition({
      ...base,
      nodes: [
        start,
        { id: 'f', type: 'parallel_gateway' },
        task('a'),
        task('b'),
        { id: 'j', type: 'parallel_gateway' },
        end,
      ],
      edges: [
        { from: 'start', to: 'f' },
        { from: 'f', to: 'a' },
        { from: 'f', to: 'b' },
        { from: 'a', to: 'j' },
        { from: 'b', to: 'j' },
        { from: 'j', to: 'end' },
      ],
    });
    expect(result).toMatchObject({ ok: true });
  });
});
