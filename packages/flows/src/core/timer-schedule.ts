import { startOfLocalDate } from '@tessera/logic';
import type { TimerPurpose, TokenState } from './instance-state';
import { emit, nextId, type StepDraft } from './step-draft';

/** Schedules a timer for a token: a row and a job with `runAt` once the runner executes it. */
export function scheduleTimer(
  draft: StepDraft,
  token: TokenState,
  purpose: TimerPurpose,
  runAt: Date,
): string {
  const timer = {
    id: nextId(draft, 'm'),
    tokenId: token.id,
    nodeId: token.nodeId,
    purpose,
    runAt: runAt.toISOString(),
  };
  draft.state.timers.push(timer);
  emit(draft, {
    type: 'schedule-timer',
    timerId: timer.id,
    nodeId: timer.nodeId,
    purpose,
    runAt: timer.runAt,
  });
  return timer.id;
}

/**
 * Parses a record's date or date-time value: a date ('YYYY-MM-DD') begins at its midnight in the
 * platform's zone, so "until the end date" fires when that day starts where the users are.
 */
export function parseRecordDate(value: unknown, timeZone: string): Date | null {
  if (value instanceof Date) return value;
  if (typeof value !== 'string' || value === '') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const midnight = startOfLocalDate(value, timeZone);
    return Number.isNaN(midnight.getTime()) ? null : midnight;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
