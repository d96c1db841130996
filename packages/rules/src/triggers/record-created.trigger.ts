import type { TriggerHandler, TriggerOf } from './trigger-handler';
import { eventOccurrence } from './trigger-handler';

export const recordCreatedTrigger: TriggerHandler<TriggerOf<'record_created'>> = {
  timing: 'event',
  matchEvent: (_trigger, event) => (event.kind === 'created' ? eventOccurrence(event) : null),
};
