import { valueAt } from './path-value';

/** Prefix of a variable that reads the triggering record inside a filter over another form. */
export const TRIGGER_PREFIX = '$record.';

/**
 * Replaces `{ "var": "$record.<path>" }` in a JSON-Logic filter with the triggering record's value,
 * so a cross-form `where` can name the record that fired ("the customer this follow-up belongs
 * to": `{ "==": [{ "var": "id" }, { "var": "$record.customer.id" }] }`). The value then stays data:
 * the SQL translator binds it as a parameter. A missing value becomes null (matches nothing).
 */
export function bindTriggerValues(logic: unknown, record: unknown): unknown {
  if (Array.isArray(logic)) return logic.map((item) => bindTriggerValues(item, record));
  if (logic === null || typeof logic !== 'object') return logic;
  const entries = Object.entries(logic as Record<string, unknown>);
  if (entries.length === 1 && entries[0]![0] === 'var') {
    const arg = entries[0]![1];
    const path = Array.isArray(arg) ? arg[0] : arg;
    if (typeof path === 'string' && path.startsWith(TRIGGER_PREFIX)) {
      return valueAt(record, path.slice(TRIGGER_PREFIX.length)) ?? null;
    }
    return logic;
  }
  return Object.fromEntries(entries.map(([key, value]) => [key, bindTriggerValues(value, record)]));
}
