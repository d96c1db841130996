import type { RecordEvent } from '@tessera/forms';
import type { RuleTrigger, RuleTriggerType } from '@tessera/schema';

export type TriggerOf<T extends RuleTriggerType> = Extract<RuleTrigger, { type: T }>;

/**
 * One trigger type. Record-event triggers match an event and name its occurrence (the
 * idempotency key's third part); time-based triggers are swept (see the tick job).
 */
export interface TriggerHandler<T extends RuleTrigger = RuleTrigger> {
  readonly timing: 'event' | 'sweep';
  /** The occurrence key when the event concerns the trigger, else null. */
  matchEvent?(trigger: T, event: RecordEvent): string | null;
}

/** The occurrence of an event: its kind, instant and changed fields (stable across a retried job). */
export function eventOccurrence(event: RecordEvent): string {
  return `${event.kind}@${event.at}#${Object.keys(event.changes).sort().join(',')}`;
}
