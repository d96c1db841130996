import { replaceEqualDeep } from '@tanstack/react-query';
import { compileFormLogic, computeFormulas, type FormLogic, fieldStates } from '@tessera/logic/browser';
import type { FormDefinition } from '@tessera/schema';
import { useMemo, useRef } from 'react';
import { carryKey } from '../../../fields/line-items/row-keys';
import { platformClock } from '../../../shared/platform-clock';
import type { FormSnapshot } from './form-snapshot.store';

type Values = Record<string, unknown>;

/** The values as the engine will store them (formulas computed, rows first) and the fields' states. */
export function computeValues(logic: FormLogic, values: Values, userId: string | null) {
  const computed = computeFormulas(logic, values, { id: userId }, platformClock());
  return { computed, states: fieldStates(logic, computed, { id: userId }, platformClock()) };
}

/**
 * The snapshot of a form for these values, sharing every unchanged part with the previous one
 * (same objects where the content is equal), so a field whose value and state did not change is
 * told so by identity; computed line-items rows keep the React key of the row they come from.
 */
export function useFormSnapshot(
  definition: FormDefinition,
  values: Values,
  errors: Readonly<Record<string, string>>,
  userId: string | null,
): FormSnapshot {
  const logic = useMemo(() => compileFormLogic(definition), [definition]);
  const previous = useRef<FormSnapshot | null>(null);
  return useMemo(() => {
    const { computed, states } = computeValues(logic, values, userId);
    const next = replaceEqualDeep(previous.current, { computed, states, errors }) as FormSnapshot;
    for (const key of logic.lineItems.keys()) {
      const from = values[key];
      const to = next.computed[key];
      if (!Array.isArray(from) || !Array.isArray(to)) continue;
      from.forEach((row, i) => {
        if (row && typeof row === 'object' && to[i] && to[i] !== row) carryKey(row, to[i]);
      });
    }
    previous.current = next;
    return next;
  }, [logic, values, errors, userId]);
}
