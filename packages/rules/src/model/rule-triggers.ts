import type { RuleDefinition, RuleTrigger, RuleTriggerType } from '@tessera/schema';

type TriggerOfType<T extends RuleTriggerType> = Extract<RuleTrigger, { type: T }>;

/** A rule's triggers: its `triggers`, or its one `trigger`. */
export function ruleTriggers(rule: RuleDefinition): readonly RuleTrigger[] {
  return rule.triggers ?? (rule.trigger ? [rule.trigger] : []);
}

/** Where the i-th trigger is in the definition (a JSON pointer, for messages). */
export function triggerPath(rule: RuleDefinition, index: number): string {
  return rule.triggers ? `/triggers/${index}` : '/trigger';
}

/** The rule's triggers of one type, in order. */
export function triggersOfType<T extends RuleTriggerType>(rule: RuleDefinition, type: T): TriggerOfType<T>[] {
  return ruleTriggers(rule).filter((t): t is TriggerOfType<T> => t.type === type);
}

/**
 * The prefix of a date trigger's occurrence keys. The rule's first date trigger keeps the plain
 * `date:` / `at:` (so adding a second trigger to a rule does not make its past occurrences new);
 * every further one names itself — "7 days before due_date" and "1 day before due_date" are two
 * occurrences of one date.
 */
export function dateOccurrencePrefix(
  rule: RuleDefinition,
  trigger: TriggerOfType<'date_relative'>,
  base: 'date' | 'at',
): string {
  const [first] = triggersOfType(rule, 'date_relative');
  if (!first || first === trigger) return base;
  return `${base}[${trigger.field} ${trigger.direction} ${trigger.amount} ${trigger.unit}]`;
}
