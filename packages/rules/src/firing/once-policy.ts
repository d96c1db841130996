import type { RuleDefinition } from '@tessera/schema';
import { localDate } from '../eval/local-date';

/**
 * The occurrence key under the rule's once-policy: per occurrence (the trigger's own key:
 * the event, the date value, the cron instant), once per record ever, or once per record per
 * day in the rule's time zone.
 */
export function occurrenceKey(rule: RuleDefinition, occurrence: string, now: Date, timeZone: string): string {
  switch (rule.once ?? 'occurrence') {
    case 'occurrence':
      return occurrence;
    case 'record':
      return 'once';
    case 'day':
      return `day:${localDate(now, timeZone)}`;
    default:
      throw new Error(`unknown once-policy ${String(rule.once)}`);
  }
}
