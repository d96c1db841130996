import { compile } from '@tessera/logic';
import { addDuration } from '../core/iso-duration';
import { cancelTokenWork, logicScope, type StepDraft } from '../core/step-draft';
import { scheduleTimer } from '../core/timer-schedule';
import type { NodeBehavior, NodeOfType, NodeOutcome } from './node-behavior';

function holds(draft: StepDraft, condition: unknown): boolean {
  return Boolean(
    compile(condition)(logicScope(draft), { now: new Date(draft.at), timeZone: draft.timeZone }),
  );
}

/**
 * Waits until a JSON-Logic condition on the record holds: checked on entry and on every
 * `record-changed` event; with `timeout`, goes on anyway when the time is up
 * (the decision `_flow.decisions.<node>` is then "timeout").
 */
export const waitNode: NodeBehavior<NodeOfType<'wait'>> = {
  type: 'wait',
  version: 1,
  validateConfig(node) {
    try {
      compile(node.condition);
      return [];
    } catch (error) {
      return [{ path: 'condition', message: (error as Error).message }];
    }
  },
  enter({ draft, node, token }) {
    if (holds(draft, node.condition)) return { kind: 'next' };
    if (node.timeout) {
      const runAt = addDuration(new Date(draft.at), node.timeout);
      if (runAt) scheduleTimer(draft, token, 'wait_timeout', runAt);
    }
    return { kind: 'wait', waitsFor: 'condition' };
  },
  resume({ draft, node, token }, signal): NodeOutcome {
    if (signal.type === 'timer-fired') {
      draft.state.decisions[node.id] = 'timeout';
      return { kind: 'next' };
    }
    if (signal.type === 'record-changed' && holds(draft, node.condition)) {
      cancelTokenWork(draft, token.id);
      draft.state.decisions[node.id] = 'met';
      return { kind: 'next' };
    }
    return { kind: 'wait', waitsFor: 'condition' };
  },
};
