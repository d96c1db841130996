import type { FieldDefinition } from '@tessera/schema';
import { compile } from '../eval/logic.compiler';
import type { CompiledLogic, EvalContext } from '../logic.types';
import { type AnyField, liveFields, truthy } from './form-fields';
import { type FormValues, logicData, setLogicValue } from './form-logic-data';
import { formulaResult } from './formula-result';
import { type LogicDependencies, logicDependencies } from './logic-dependencies';

/** The compiled rules of one field: conditions, default, formula. */
export interface FieldLogic {
  readonly field: AnyField;
  readonly visibleWhen?: CompiledLogic;
  readonly requiredWhen?: CompiledLogic;
  readonly defaultExpr?: CompiledLogic;
  readonly formula?: CompiledLogic;
  /** What the formula reads, and what visible-when and required-when read (the dependency graph's edges). */
  readonly formulaReads?: LogicDependencies;
  readonly stateReads?: LogicDependencies;
}

/** The compiled rules of a table (the form, or one line-items field's rows). */
export interface TableLogic {
  readonly fields: readonly FieldLogic[];
  readonly byKey: ReadonlyMap<string, FieldLogic>;
  /** Some expression reads what its text does not tell (the clock, a computed name): never reused. */
  readonly volatile: boolean;
  /**
   * A formula reads itself or a formula after it (so it sees what the values held for that one):
   * computing a row's formulas again from its computed values might then give other values.
   */
  readonly forwardReads: boolean;
}

/** Compiles every expression of a table's live fields once (server runtime and browser form alike). */
export function compileTableLogic(fields: readonly AnyField[]): TableLogic {
  const compiled = liveFields(fields).map((field): FieldLogic => {
    const dflt = field.default;
    const isExpr = typeof dflt === 'object' && dflt !== null && !Array.isArray(dflt) && 'expr' in dflt;
    return {
      field,
      ...(field.visibleWhen === undefined ? {} : { visibleWhen: compile(field.visibleWhen) }),
      ...(field.requiredWhen === undefined ? {} : { requiredWhen: compile(field.requiredWhen) }),
      ...(isExpr ? { defaultExpr: compile((dflt as { expr: unknown }).expr) } : {}),
      ...(field.type === 'formula'
        ? { formula: compile(field.expression), formulaReads: logicDependencies(field.expression) }
        : {}),
      ...(field.visibleWhen === undefined && field.requiredWhen === undefined
        ? {}
        : { stateReads: logicDependencies([field.visibleWhen ?? null, field.requiredWhen ?? null]) }),
    };
  });
  return {
    fields: compiled,
    byKey: new Map(compiled.map((f) => [f.field.key, f])),
    volatile: compiled.some((f) => f.formulaReads?.everything || f.stateReads?.everything),
    forwardReads: compiled.some(
      (f, i) =>
        f.formulaReads !== undefined &&
        compiled.slice(i).some((later) => later.formula && f.formulaReads!.keys.has(later.field.key)),
    ),
  };
}

/**
 * Computes a table's formulas in definition order, in place of whatever the values held (a
 * formula may use formulas defined before it). A formula over missing or mistyped inputs yields
 * no value, not an error. Pure: returns new values.
 */
export function computeTableFormulas(
  fields: readonly AnyField[],
  table: TableLogic,
  values: FormValues,
  user: { id: string | null },
  ctx: EvalContext,
): FormValues {
  const formulas = table.fields.filter((f) => f.formula !== undefined);
  if (formulas.length === 0) return values;
  const next: FormValues = { ...values };
  const data = logicData(fields, next, user);
  for (const rule of formulas) {
    if (rule.field.type !== 'formula') continue;
    const value = formulaValue(rule, data, ctx);
    next[rule.field.key] = value;
    setLogicValue(data, rule.field, value);
  }
  return next;
}

/** One formula's value over `data` (a failing expression yields no value). */
export function formulaValue(rule: FieldLogic, data: Record<string, unknown>, ctx: EvalContext): unknown {
  const { field, formula } = rule;
  if (field.type !== 'formula' || !formula) return undefined;
  let raw: unknown;
  try {
    raw = formula(data, ctx);
  } catch {
    raw = null;
  }
  return formulaResult(raw, field.resultType, field.scale, field.currency);
}

/** Whether a field is shown and required for these values. */
export interface FieldState {
  readonly visible: boolean;
  readonly required: boolean;
}

/**
 * Visible-when and required-when of every field of a table: a hidden field is never required.
 * An expression that fails to evaluate counts as false (as the server's validation does).
 */
export function tableFieldStates(
  fields: readonly AnyField[],
  table: TableLogic,
  values: FormValues,
  user: { id: string | null },
  ctx: EvalContext,
): Record<string, FieldState> {
  let data: Record<string, unknown> | undefined;
  const lazyData = () => (data ??= logicData(fields, values, user));
  const states: Record<string, FieldState> = {};
  for (const rule of table.fields) states[rule.field.key] = fieldState(rule, lazyData, ctx);
  return states;
}

/** One field's state; `data` is asked for only when the field has a rule to evaluate. */
export function fieldState(
  rule: FieldLogic,
  data: () => Record<string, unknown>,
  ctx: EvalContext,
): FieldState {
  const evaluate = (logic: CompiledLogic) => {
    try {
      return truthy(logic(data(), ctx));
    } catch {
      return false;
    }
  };
  const visible = rule.visibleWhen ? evaluate(rule.visibleWhen) : true;
  const required =
    visible && (rule.field.required === true || (rule.requiredWhen ? evaluate(rule.requiredWhen) : false));
  return { visible, required };
}

/** The line-items fields of a form with their rows' compiled rules. */
export type LineItemsLogic = ReadonlyMap<
  string,
  { readonly field: Extract<FieldDefinition, { type: 'line_items' }>; readonly rows: TableLogic }
>;
