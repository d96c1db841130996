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

/** Parses a record's date or date-time value ('YYYY-MM-DD' is midnight UTC). */
export function parseRecordDate(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value !== 'string' || value === '') return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? null : date;
}
