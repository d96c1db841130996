import { useCallback, useState } from 'react';

/**
 * The edited document as one immutable value with its past and future (Frappe's form builder):
 * undo and redo move along the log; a new change drops the future. The log is capped.
 */
export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
}

const LIMIT = 100;

export function useHistory<T>(initial: T) {
  const [h, setH] = useState<History<T>>({ past: [], present: initial, future: [] });
  const change = useCallback(
    (next: (value: T) => T) =>
      setH((s) => {
        const value = next(s.present);
        return value === s.present
          ? s
          : { past: [...s.past, s.present].slice(-LIMIT), present: value, future: [] };
      }),
    [],
  );
  const undo = useCallback(
    () =>
      setH((s) =>
        s.past.length === 0
          ? s
          : {
              past: s.past.slice(0, -1),
              present: s.past[s.past.length - 1]!,
              future: [s.present, ...s.future],
            },
      ),
    [],
  );
  const redo = useCallback(
    () =>
      setH((s) =>
        s.future.length === 0
          ? s
          : { past: [...s.past, s.present], present: s.future[0]!, future: s.future.slice(1) },
      ),
    [],
  );
  const reset = useCallback((value: T) => setH({ past: [], present: value, future: [] }), []);
  return { ...h, change, undo, redo, reset, canUndo: h.past.length > 0, canRedo: h.future.length > 0 };
}
