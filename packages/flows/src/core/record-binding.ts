import { readPath } from './record-template';

/** Prefix of a variable that reads the instance's record inside a filter over another form. */
export const RECORD_PREFIX = '$record.';

/**
 * Replaces `{ "var": "$record.<path>" }` in a JSON-Logic filter over another form with the
 * instance's record value, so a step can name the records linked to this one ("this order's open
 * purchase suggestions": `{ "==": [{ "var": "sales_order" }, { "var": "$record.id" }] }`). The value
 * stays data — the filter's SQL binds it as a parameter; a missing value becomes null.
 */
export function bindRecordValues(logic: unknown, record: unknown): unknown {
  if (Array.isArray(logic)) return logic.map((item) => bindRecordValues(item, record));
  if (logic === null || typeof logic !== 'object') return logic;
  const entries = Object.entries(logic as Record<string, unknown>);
  if (entries.length === 1 && entries[0]![0] === 'var') {
    const arg = entries[0]![1];
    const path = Array.isArray(arg) ? arg[0] : arg;
    if (typeof path === 'string' && path.startsWith(RECORD_PREFIX))
      return readPath(record, path.slice(RECORD_PREFIX.length)) ?? null;
    return logic;
  }
  return Object.fromEntries(entries.map(([key, value]) => [key, bindRecordValues(value, record)]));
}
