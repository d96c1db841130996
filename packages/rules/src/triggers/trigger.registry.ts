import type { RuleTrigger, RuleTriggerType } from '@tessera/schema';
import { fieldChangedTrigger } from './field-changed.trigger';
import { recordCreatedTrigger } from './record-created.trigger';
import { recordDeletedTrigger } from './record-deleted.trigger';
import { recordUpdatedTrigger } from './record-updated.trigger';
import type { TriggerHandler } from './trigger-handler';

/** Every trigger type. Date-relative and schedule triggers are swept by the tick job. */
export const TRIGGERS: {
  readonly [T in RuleTriggerType]: TriggerHandler<Extract<RuleTrigger, { type: T }>>;
} = {
  record_created: recordCreatedTrigger,
  record_updated: recordUpdatedTrigger,
  record_deleted: recordDeletedTrigger,
  field_changed: fieldChangedTrigger,
  schedule: { timing: 'sweep' },
  date_relative: { timing: 'sweep' },
};

export const EVENT_TRIGGER_TYPES = (Object.keys(TRIGGERS) as RuleTriggerType[]).filter(
  (t) => TRIGGERS[t].timing === 'event',
);

export function matchEvent(
  trigger: RuleTrigger,
  event: Parameters<NonNullable<TriggerHandler['matchEvent']>>[1],
): string | null {
  const handler = TRIGGERS[trigger.type] as TriggerHandler;
  return handler.matchEvent?.(trigger, event) ?? null;
}
