import type { TriggerHandler, TriggerOf } from './trigger-handler';
import { eventOccurrence } from './trigger-handler';

export const recordDeletedTrigger: TriggerHandler<TriggerOf<'record_deleted'>> = {
  timing: 'event',
  matchEvent: (_trigger, event) => (event.kind === 'deleted' ? eventOccurrence(event) : null),
};
