import type { ColumnResolver } from '@tessera/logic';
import { fieldError } from '@tessera/schema';
import type { FormGate } from './record-access';
import type { FieldChanges } from './record-change.writer';
import { type RecordValues, sameValue } from './record-value.mapper';
import type { FieldError } from './records.error';

/**
 * Field limits inside line items (pure). A gate names a row field of a line-items field by a
 * dotted key in `hidden` / `readOnly` (`items.unit_cost`). Rows are replaced on every write, so
 * the rules are: a hidden row field is refused whatever its value; a read-only one is refused on
 * a new row unless null, and on a row sent back with its `id` unless it keeps the stored value;
 * a row sent back with its `id` keeps the stored values of the row fields the caller may not
 * write (they could not send them) — exactly as a PATCH leaves untouched the fields it omits.
 */

/** Line-items key → the row field keys a set names inside its rows. */
export function rowFieldKeys(keys: ReadonlySet<string>): ReadonlyMap<string, ReadonlySet<string>> {
  const out = new Map<string, Set<string>>();
  for (const key of keys) {
    const dot = key.indexOf('.');
    if (dot <= 0) continue;
    const set = out.get(key.slice(0, dot)) ?? new Set<string>();
    set.add(key.slice(dot + 1));
    out.set(key.slice(0, dot), set);
  }
  return out;
}

/** Rows without the given row fields (a value that is not a row list is returned as is). */
export function withoutRowFields(value: unknown, fields: ReadonlySet<string> | undefined): unknown {
  if (!fields || fields.size === 0 || !Array.isArray(value)) return value;
  return value.map((row) => (isRow(row) ? omit(row, fields) : row));
}

/** Hidden row fields in the input's rows: refused whatever their value; read-only ones on create unless null. */
export function rowInputErrors(
  gate: FormGate,
  key: string,
  value: unknown,
  mode: 'create' | 'update',
): FieldError[] {
  const hidden = rowFieldKeys(gate.hidden).get(key);
  const locked = rowFieldKeys(gate.readOnly).get(key);
  if ((!hidden && !locked) || !Array.isArray(value)) return [];
  const errors: FieldError[] = [];
  value.forEach((row, i) => {
    if (!isRow(row)) return;
    for (const [field, v] of Object.entries(row)) {
      const path = `${key}[${i}].${field}`;
      if (hidden?.has(field)) errors.push(fieldError(path, 'FIELD_HIDDEN'));
      else if (locked?.has(field) && mode === 'create' && v !== null && v !== undefined)
        errors.push(fieldError(path, 'FIELD_READ_ONLY_FOR_YOU'));
    }
  });
  return errors;
}

/**
 * An update's line-items input completed from the stored rows: each row sent back with its `id`
 * gets the stored values of the row fields the caller may not write; a read-only row field sent
 * with another value (or non-null on a new row) is refused. Returns the patch to write.
 */
export function keepLockedRowFields(
  gate: FormGate,
  patch: RecordValues,
  stored: RecordValues,
): { readonly patch: RecordValues; readonly errors: FieldError[] } {
  const locked = rowFieldKeys(gate.readOnly);
  const errors: FieldError[] = [];
  const out: RecordValues = { ...patch };
  for (const [key, fields] of locked) {
    const sent = patch[key];
    if (!Array.isArray(sent)) continue;
    const before = new Map(
      (Array.isArray(stored[key]) ? (stored[key] as RecordValues[]) : []).map((row) => [String(row.id), row]),
    );
    out[key] = sent.map((row, i) => {
      if (!isRow(row)) return row;
      const prior = row.id === undefined || row.id === null ? undefined : before.get(String(row.id));
      const kept: RecordValues = { ...row };
      for (const field of fields) {
        if (Object.hasOwn(row, field)) {
          const changed = prior ? !sameValue(row[field], prior[field]) : row[field] !== null;
          if (changed) errors.push(fieldError(`${key}[${i}].${field}`, 'FIELD_READ_ONLY_FOR_YOU'));
        } else if (prior && Object.hasOwn(prior, field)) kept[field] = prior[field];
      }
      return kept;
    });
  }
  return { patch: out, errors };
}

/**
 * History changes without hidden fields, nor hidden row fields in line-items old/new values; a
 * line-items change that only touched hidden row fields is left out.
 */
export function maskChanges(changes: FieldChanges, hidden: ReadonlySet<string>): FieldChanges {
  const inRows = rowFieldKeys(hidden);
  const out: Record<string, FieldChanges[string]> = {};
  for (const [key, change] of Object.entries(changes)) {
    if (hidden.has(key)) continue;
    const fields = inRows.get(key);
    if (!fields) {
      out[key] = change;
      continue;
    }
    const old = withoutRowFields(change.old, fields);
    const now = withoutRowFields(change.new, fields);
    if (!sameValue(old, now)) out[key] = { old, new: now };
  }
  return out;
}

/** A filter resolver that refuses hidden fields, row fields included (`{"some": [{"var": "items"}, …]}`). */
export function withoutHidden(
  resolve: ColumnResolver,
  hidden: ReadonlySet<string>,
  denied: (path: string) => void,
): ColumnResolver {
  if (hidden.size === 0) return resolve;
  const inRows = rowFieldKeys(hidden);
  const refuse = (path: string) => {
    denied(path);
    return { error: `field "${path}" is hidden from you` };
  };
  return (path) => {
    if (hidden.has(path)) return refuse(path);
    const resolved = resolve(path);
    const fields = inRows.get(path);
    if (!fields || !resolved || 'error' in resolved || !resolved.rows) return resolved;
    const rows = resolved.rows;
    const rowResolver: ColumnResolver = (inner) =>
      fields.has(inner) ? refuse(`${path}.${inner}`) : rows.resolver(inner);
    return { ...resolved, rows: { ...rows, resolver: rowResolver } };
  };
}

function isRow(value: unknown): value is RecordValues {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function omit(row: RecordValues, fields: ReadonlySet<string>): RecordValues {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !fields.has(key)));
}
