import type { FieldState } from '@tessera/logic/browser';
import { createContext, useContext } from 'react';

/** What the record renderer knows about line-items rows: visibility/required per row, errors by path. */
export interface RowsInfo {
  readonly states: Record<string, readonly Record<string, FieldState>[]>;
  readonly errors: Readonly<Record<string, string>>;
  readonly readOnlyFields: ReadonlySet<string>;
}
export const LineItemsContext = createContext<RowsInfo>({
  states: {},
  errors: {},
  readOnlyFields: new Set(),
});
export const useRowsInfo = () => useContext(LineItemsContext);
