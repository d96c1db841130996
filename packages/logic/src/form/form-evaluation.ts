import type { EvalContext } from '../logic.types';
import type { FormLogic, FormStates } from './form-logic';
import { type FormValues, logicData, setLogicValue } from './form-logic-data';
import { readsAny } from './logic-dependencies';
import {
  computeTableFormulas,
  type FieldState,
  fieldState,
  formulaValue,
  tableFieldStates,
} from './table-logic';

/** A form's values with formulas computed and field states, kept to evaluate the next change from. */
export interface FormEvaluation {
  readonly logic: FormLogic;
  readonly userId: string | null;
  /** The values evaluated (as typed: formulas not yet computed). */
  readonly input: FormValues;
  /** What computeFormulas returns for `input`. */
  readonly computed: FormValues;
  /** What fieldStates returns for `computed`. */
  readonly states: FormStates;
  /** Line-items rows as expressions see them, by computed row. */
  readonly rowData: WeakMap<object, Record<string, unknown>>;
}

type RowStates = Record<string, FieldState>;

/**
 * computeFormulas + fieldStates, from the previous evaluation of the same form and user: only the
 * line-items rows whose object changed are computed again, and of the record's own formulas and
 * rules only those that read a changed value (the dependency graph is compiled with the form;
 * a formula whose value changed counts as changed for what follows it). Everything unchanged keeps
 * its identity: computed rows, row states, field states. Same results as the full computation
 * (a test checks it over random edits), so browser and server agree.
 */
export function evaluateForm(
  logic: FormLogic,
  input: FormValues,
  user: { id: string | null },
  ctx: EvalContext,
  previous?: FormEvaluation | null,
): FormEvaluation {
  const prev = previous && previous.logic === logic && previous.userId === user.id ? previous : null;
  const rowData = prev?.rowData ?? new WeakMap<object, Record<string, unknown>>();
  const changed: Set<string> | 'all' = prev ? changedKeys(prev.input, input) : 'all';
  const computed: FormValues = { ...input };
  const rowStates: Record<string, readonly RowStates[]> = {};
  for (const [key, { field, rows: table }] of logic.lineItems) {
    const items = input[key];
    if (!Array.isArray(items)) {
      rowStates[key] = [];
      continue;
    }
    const reusable = prev && !table.volatile ? prev : null;
    if (reusable && changed !== 'all' && !changed.has(key)) {
      computed[key] = reusable.computed[key];
      rowStates[key] = reusable.states.rows[key] ?? [];
      continue;
    }
    // a row as it was typed or, for an editor that hands the computed rows back, as it was computed
    const before = reusable
      ? rowIndex(reusable.input[key], table.forwardReads ? undefined : reusable.computed[key])
      : new Map<unknown, number>();
    const oldRows = (reusable?.computed[key] ?? []) as unknown[];
    const oldStates = prev?.states.rows[key] ?? [];
    const states: RowStates[] = [];
    const rows = items.map((row, i) => {
      const at = before.get(row);
      if (reusable && at !== undefined && oldRows[at] !== undefined && oldStates[at]) {
        states[i] = oldStates[at];
        return oldRows[at];
      }
      const next = computeTableFormulas(field.fields, table, row as FormValues, user, ctx);
      states[i] = shareStates(oldStates[i], tableFieldStates(field.fields, table, next, user, ctx));
      return next;
    });
    computed[key] = rows;
    rowStates[key] = states;
  }

  // the record's own formulas in definition order, over data built only if one must be evaluated
  const grown = changed === 'all' ? changed : new Set(changed);
  // (built from `computed` as it stands: the formulas done so far hold their results, the rest what was typed)
  let data: Record<string, unknown> | undefined;
  const dataNow = () => (data ??= logicData(logic.fields, computed, user, rowData));
  for (const rule of logic.main.fields) {
    if (!rule.formula || rule.field.type !== 'formula') continue;
    const key = rule.field.key;
    // until it is computed, a formula's key holds what the values held (as computeTableFormulas sees it)
    if (prev && grown !== 'all' && !readsAny(rule.formulaReads!, grown)) {
      computed[key] = prev.computed[key];
    } else {
      const value = formulaValue(rule, dataNow(), ctx);
      const old = prev?.computed[key];
      const same = prev !== null && sameValue(old, value);
      computed[key] = same ? old : value;
      if (!same && grown !== 'all') grown.add(key);
    }
    if (data) setLogicValue(data, rule.field, computed[key]);
  }

  const fields: Record<string, FieldState> = {};
  let fieldsSame = prev !== null;
  for (const rule of logic.main.fields) {
    const old = prev?.states.fields[rule.field.key];
    const stale = !old || (rule.stateReads !== undefined && readsAny(rule.stateReads, grown));
    const state = stale ? shareState(old, fieldState(rule, dataNow, ctx)) : old;
    if (state !== old) fieldsSame = false;
    fields[rule.field.key] = state;
  }
  const rowsSame =
    prev !== null &&
    [...logic.lineItems.keys()].every((k) => rowStates[k] === prev.states.rows[k]) &&
    Object.keys(prev.states.rows).length === logic.lineItems.size;
  const states: FormStates =
    fieldsSame && rowsSame
      ? prev!.states
      : { fields: fieldsSame ? prev!.states.fields : fields, rows: rowsSame ? prev!.states.rows : rowStates };
  return { logic, userId: user.id, input, computed, states, rowData };
}

/** Keys whose value is another object (or primitive) than before: edits replace what they change. */
function changedKeys(before: FormValues, after: FormValues): Set<string> {
  const changed = new Set<string>();
  for (const k in after) if (after[k] !== before[k] || !(k in before)) changed.add(k);
  for (const k in before) if (!(k in after)) changed.add(k);
  return changed;
}

function rowIndex(...lists: unknown[]): Map<unknown, number> {
  const index = new Map<unknown, number>();
  for (const rows of lists)
    if (Array.isArray(rows))
      rows.forEach((row, i) => {
        if (row !== null && typeof row === 'object' && !index.has(row)) index.set(row, i);
      });
  return index;
}

function shareState(old: FieldState | undefined, next: FieldState): FieldState {
  return old && old.visible === next.visible && old.required === next.required ? old : next;
}

/** A row's states, each field's the previous object where equal (and the previous record if all are). */
function shareStates(old: RowStates | undefined, next: RowStates): RowStates {
  if (!old) return next;
  let same = Object.keys(old).length === Object.keys(next).length;
  for (const k in next) {
    const shared = shareState(old[k], next[k]!);
    if (shared !== old[k]) same = false;
    next[k] = shared;
  }
  return same ? old : next;
}

/** Formula results: primitives, or money / JSON-like values compared by content. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}
