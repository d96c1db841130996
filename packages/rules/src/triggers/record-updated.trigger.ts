import type { TriggerHandler, TriggerOf } from './trigger-handler';
import { eventOccurrence } from './trigger-handler';

/** Any update, or only updates that changed one of `fields`. */
export const recordUpdatedTrigger: TriggerHandler<TriggerOf<'record_updated'>> = {
  timing: 'event',
  matchEvent(trigger, event) {
    if (event.kind !== 'updated') return null;
    if (trigger.fields && !trigger.fields.some((f) => Object.hasOwn(event.changes, f))) return null;
    return eventOccurrence(event);
  },
};
