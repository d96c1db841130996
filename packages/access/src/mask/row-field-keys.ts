/**
 * Field limits inside line items. A role names a field of a line-items field's rows by a dotted
 * key, `<line-items key>.<row field key>` (`items.unit_cost`); these helpers split such keys out
 * of a `hidden` / `readOnly` list and take the named fields out of the rows (pure).
 */

/** Line-items key → the row field keys the list names inside its rows. */
export function rowFieldKeys(keys: Iterable<string>): ReadonlyMap<string, ReadonlySet<string>> {
  const out = new Map<string, Set<string>>();
  for (const key of keys) {
    const dot = key.indexOf('.');
    if (dot <= 0) continue;
    const items = key.slice(0, dot);
    const set = out.get(items) ?? new Set<string>();
    set.add(key.slice(dot + 1));
    out.set(items, set);
  }
  return out;
}

/** Line-items rows without the given row fields (anything that is not a row list is left alone). */
export function withoutRowFields(value: unknown, fields: ReadonlySet<string> | undefined): unknown {
  if (!fields || fields.size === 0 || !Array.isArray(value)) return value;
  return value.map((row) =>
    row && typeof row === 'object' && !Array.isArray(row)
      ? Object.fromEntries(Object.entries(row).filter(([key]) => !fields.has(key)))
      : row,
  );
}
