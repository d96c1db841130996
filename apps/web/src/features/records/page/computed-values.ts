import { replaceEqualDeep } from '@tanstack/react-query';
import {
  compileFormLogic,
  computeFormulas,
  evaluateForm,
  type FormEvaluation,
  type FormLogic,
  fieldStates,
} from '@tessera/logic/browser';
import type { FormDefinition } from '@tessera/schema';
import { useMemo, useRef } from 'react';
import { carryKey } from '../../../fields/line-items/row-keys';
import { platformClock } from '../../../shared/platform-clock';
import type { FormSnapshot } from './form-snapshot.store';

type Values = Record<string, unknown>;
type Errors = Readonly<Record<string, string>>;

/** The values as the engine will store them (formulas computed, rows first) and the fields' states. */
export function computeValues(logic: FormLogic, values: Values, userId: string | null) {
  const computed = computeFormulas(logic, values, { id: userId }, platformClock());
  return { computed, states: fieldStates(logic, computed, { id: userId }, platformClock()) };
}

/** Snapshots of one form for one user: `of(values, errors)`, from the last one evaluated. */
export interface FormSnapshots {
  of(values: Values, errors: Errors): FormSnapshot;
}

/**
 * A form's snapshots, each computed from the previous evaluation (evaluateForm: only the rows
 * and the formulas and rules that a change reaches are evaluated again, everything unchanged
 * keeps its identity), so a field whose value and state did not change is told so by identity.
 * Asked twice for the same values (the change handler, then the render they cause), it answers
 * the same snapshot. Computed line-items rows keep the React key of the row they come from.
 */
export function useFormSnapshots(definition: FormDefinition, userId: string | null): FormSnapshots {
  const logic = useMemo(() => compileFormLogic(definition), [definition]);
  const last = useRef<{ evaluation: FormEvaluation; errors: Errors; snapshot: FormSnapshot } | null>(null);
  return useMemo<FormSnapshots>(
    () => ({
      of(values, errors) {
        const previous = last.current?.evaluation.logic === logic ? last.current : null;
        const same = previous?.evaluation.input === values && previous.evaluation.userId === userId;
        if (same && previous.errors === errors) return previous.snapshot;
        const evaluation = same
          ? previous.evaluation
          : evaluateForm(logic, values, { id: userId }, platformClock(), previous?.evaluation);
        for (const key of logic.lineItems.keys()) {
          const from = values[key];
          const to = evaluation.computed[key];
          if (!Array.isArray(from) || !Array.isArray(to) || from === previous?.evaluation.input[key])
            continue;
          from.forEach((row, i) => {
            if (row && typeof row === 'object' && to[i] && to[i] !== row) carryKey(row, to[i]);
          });
        }
        const shownErrors = replaceEqualDeep(previous?.snapshot.errors, errors) as Errors;
        const snapshot: FormSnapshot =
          previous &&
          evaluation.computed === previous.snapshot.computed &&
          evaluation.states === previous.snapshot.states &&
          shownErrors === previous.snapshot.errors
            ? previous.snapshot
            : { computed: evaluation.computed, states: evaluation.states, errors: shownErrors };
        last.current = { evaluation, errors, snapshot };
        return snapshot;
      },
    }),
    [logic, userId],
  );
}
