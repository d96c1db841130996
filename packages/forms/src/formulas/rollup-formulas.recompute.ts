import { type EvalContext, formulaResult, logicData, setLogicValue } from '@tessera/logic';
import type { Kysely } from 'kysely';
import type { FormRuntime } from '../records/form-runtime';
import { rowToRecord, selectLineItems, selectRows } from '../records/record.repository';
import { liveFields } from '../records/record-field';
import { rowJson } from '../records/record-json';
import { type RecordValues, sameValue } from '../records/record-value.mapper';
import { updateColumns } from './stored-values.recompute';

/**
 * After a rollup of `parent` was recomputed (a payment written off against a receivable), the
 * parent's formulas that read it — directly or through an earlier formula (outstanding =
 * amount − received; a status from both) — are recomputed for the `ids` rows in the same
 * transaction, so a stored formula never lags behind the rollup it reads. Like rollups, a derived
 * value: no version bump, no history, no event. Returns the keys of formulas whose value changed
 * in some row, so rollups of grandparents over them can follow.
 */
export async function recomputeFormulasOverRollups(
  trx: Kysely<any>,
  parent: FormRuntime,
  changedKeys: ReadonlySet<string>,
  ids: readonly string[],
  ctx: EvalContext,
): Promise<Set<string>> {
  const reads = new Set(changedKeys);
  const dependents = parent.main.fields.filter(({ field, formula }) => {
    if (field.type !== 'formula' || field.deleted || !formula || !readsAnyVar(field.expression, reads))
      return false;
    reads.add(field.key); // formulas run in definition order: later ones may read this one
    return true;
  });
  const changed = new Set<string>();
  if (dependents.length === 0 || ids.length === 0) return changed;

  const rows = await selectRows(trx, parent, ids, { lock: true });
  const records = rows.map((row) => rowToRecord(parent, row) as RecordValues);
  for (const key of parent.lineItems.keys()) {
    const items = await selectLineItems(trx, parent, key, ids);
    for (const record of records) record[key] = items.get(String(record.id)) ?? [];
  }
  const fields = dependents.map((d) => d.field);
  const updates: Record<string, unknown>[] = [];
  for (const record of records) {
    const data = logicData(parent.definition.fields, record, { id: null });
    const set: RecordValues = {};
    for (const { field, formula } of dependents) {
      if (field.type !== 'formula') continue;
      let raw: unknown;
      try {
        raw = formula!(data, ctx);
      } catch {
        raw = null; // as on a write: missing or mistyped inputs give no value
      }
      const value = formulaResult(raw, field.resultType, field.scale, field.currency);
      setLogicValue(data, field, value);
      if (!sameValue(record[field.key], value)) {
        set[field.key] = value;
        changed.add(field.key);
      }
    }
    if (Object.keys(set).length > 0) updates.push({ id: record.id, ...rowJson(fields, set) });
  }
  if (updates.length > 0) await updateColumns(trx, parent.model, liveFields(fields), updates);
  return changed;
}

/** Whether a JSON-Logic expression reads a `var` whose first path segment is one of `keys`. */
export function readsAnyVar(expression: unknown, keys: ReadonlySet<string>): boolean {
  if (Array.isArray(expression)) return expression.some((e) => readsAnyVar(e, keys));
  if (!expression || typeof expression !== 'object') return false;
  for (const [op, arg] of Object.entries(expression as Record<string, unknown>)) {
    if (op === 'var') {
      const name = Array.isArray(arg) ? arg[0] : arg;
      if (typeof name === 'string' && keys.has(name.split('.')[0]!)) return true;
    }
    if (readsAnyVar(arg, keys)) return true;
  }
  return false;
}
