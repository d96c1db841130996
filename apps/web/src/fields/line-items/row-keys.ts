/** Stable React keys for line-items rows (objects without ids until saved), kept across edits. */
const keys = new WeakMap<object, string>();
let next = 0;

export function rowKey(row: object): string {
  let key = keys.get(row);
  if (!key) {
    next += 1;
    key = `r${next}`;
    keys.set(row, key);
  }
  return key;
}

/** The edited row keeps the key of the row it replaces. */
export function carryKey(from: object, to: object): object {
  keys.set(to, rowKey(from));
  return to;
}
