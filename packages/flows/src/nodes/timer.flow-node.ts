import { addDuration } from '../core/iso-duration';
import { readPath } from '../core/record-template';
import { failInstance } from '../core/step-draft';
import { parseRecordDate, scheduleTimer } from '../core/timer-schedule';
import type { ConfigIssue, NodeBehavior, NodeOfType } from './node-behavior';

/** Waits for an ISO 8601 duration, or until a date of the record (± an offset). */
export const timerNode: NodeBehavior<NodeOfType<'timer'>> = {
  type: 'timer',
  version: 1,
  validateConfig(node) {
    const issues: ConfigIssue[] = [];
    if ((node.duration === undefined) === (node.until === undefined))
      issues.push({ path: 'duration', message: `timer "${node.id}" needs exactly one of duration / until` });
    if (node.offset !== undefined && node.until === undefined)
      issues.push({ path: 'offset', message: 'offset only applies with until' });
    return issues;
  },
  enter({ draft, node, token }) {
    const at = new Date(draft.at);
    let runAt: Date | null;
    if (node.duration !== undefined) {
      runAt = addDuration(at, node.duration);
    } else {
      const base = parseRecordDate(readPath(draft.record, node.until ?? ''), draft.timeZone);
      if (!base) {
        failInstance(draft, 'timer_date_missing', `The record has no date in "${node.until}".`, node.id);
        return { kind: 'stop' };
      }
      runAt = node.offset ? addDuration(base, node.offset, node.before ? -1 : 1) : base;
    }
    if (!runAt) {
      failInstance(draft, 'timer_invalid', `Timer "${node.id}" has an invalid duration.`, node.id);
      return { kind: 'stop' };
    }
    if (runAt.getTime() <= at.getTime()) return { kind: 'next' };
    scheduleTimer(draft, token, 'timer', runAt);
    return { kind: 'wait', waitsFor: 'timer' };
  },
  resume(_context, signal) {
    return signal.type === 'timer-fired' ? { kind: 'next' } : { kind: 'wait', waitsFor: 'timer' };
  },
};
