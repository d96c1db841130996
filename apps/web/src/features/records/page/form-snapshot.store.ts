import type { FormStates } from '@tessera/logic/browser';
import { useRef, useSyncExternalStore } from 'react';

type Values = Record<string, unknown>;

/** What the fields of a rendered form read: the values with formulas computed, their states, errors. */
export interface FormSnapshot {
  readonly computed: Values;
  readonly states: FormStates;
  readonly errors: Readonly<Record<string, string>>;
}

/**
 * The form renderer's subscription point: the form publishes a new snapshot per change, and each
 * field (and each layout row, for visibility) re-renders only when the slice it selects changes —
 * a keystroke in one field of 200 re-renders that field and what depends on it, not the form.
 */
export interface FormSnapshotStore {
  get(): FormSnapshot;
  publish(next: FormSnapshot): void;
  subscribe(listener: () => void): () => void;
}

export function createFormSnapshotStore(initial: FormSnapshot): FormSnapshotStore {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    publish(next) {
      if (next === current) return;
      current = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * A slice of the snapshot. `select` must return a primitive or an object whose identity holds
 * while its content does (snapshots share unchanged parts), so equal slices skip the re-render.
 */
export function useFormSlice<T>(store: FormSnapshotStore, select: (snapshot: FormSnapshot) => T): T {
  const cache = useRef<{ snapshot: FormSnapshot; value: T } | null>(null);
  const read = () => {
    const snapshot = store.get();
    if (cache.current?.snapshot === snapshot) return cache.current.value;
    const value = select(snapshot);
    cache.current = { snapshot, value };
    return value;
  };
  return useSyncExternalStore(store.subscribe, read, read);
}
