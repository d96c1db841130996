import type { TriggerHandler, TriggerOf } from './trigger-handler';
import { eventOccurrence } from './trigger-handler';

/**
 * A field's value changed on update (`from` / `to` narrow it to particular old / new values) —
 * with `onCreate`, also a record created with a value in the field (its old value is empty). The
 * condition sees the new record and `old.<field>`.
 */
export const fieldChangedTrigger: TriggerHandler<TriggerOf<'field_changed'>> = {
  timing: 'event',
  matchEvent(trigger, event) {
    const kinds = trigger.onCreate ? ['updated', 'created'] : ['updated'];
    if (!kinds.includes(event.kind) || !Object.hasOwn(event.changes, trigger.field)) return null;
    const change = event.changes[trigger.field]!;
    if (trigger.from !== undefined && !same(change.old, trigger.from)) return null;
    if (trigger.to !== undefined && !same(change.new, trigger.to)) return null;
    return eventOccurrence(event);
  },
};

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'number') return Number(a) === b;
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
