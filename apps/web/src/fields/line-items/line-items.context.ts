import type { FieldState } from '@tessera/logic/browser';
import { createContext, useContext, useSyncExternalStore } from 'react';

type RowStates = readonly Record<string, FieldState>[];
type Errors = Readonly<Record<string, string>>;

/**
 * Where the record renderer publishes what line-items rows need: visibility/required per row (by
 * line-items key) and errors by path. A subscription, not a context value: a keystroke in a cell
 * changes the rows' states, and a changing context value would make React search the whole form
 * below it for consumers on every keystroke.
 */
export interface RowsSource {
  get(): { readonly states: { readonly rows: Readonly<Record<string, RowStates>> }; readonly errors: Errors };
  subscribe(listener: () => void): () => void;
}

export const LineItemsContext = createContext<RowsSource | null>(null);

const NO_STATES: RowStates = [];
const NO_ERRORS: Errors = {};
const never = () => () => {};

/** The rows' states of one line-items field and the form's errors; re-renders when either changes. */
export function useRowsInfo(fieldKey: string): { states: RowStates; errors: Errors } {
  const source = useContext(LineItemsContext);
  const subscribe = source?.subscribe ?? never;
  const states = useSyncExternalStore(subscribe, () => source?.get().states.rows[fieldKey] ?? NO_STATES);
  const errors = useSyncExternalStore(subscribe, () => source?.get().errors ?? NO_ERRORS);
  return { states, errors };
}
