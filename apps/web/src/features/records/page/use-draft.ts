import { useEffect, useRef } from 'react';

type Values = Record<string, unknown>;
export interface Draft {
  readonly values: Values;
  /** The record version the draft was started from (null: a new record). */
  readonly baseVersion: number | null;
  readonly savedAt: string;
}

const key = (app: string, form: string, id: string | null) => `tessera.draft.${app}.${form}.${id ?? 'new'}`;

export function readDraft(app: string, form: string, id: string | null): Draft | null {
  try {
    const raw = sessionStorage.getItem(key(app, form, id));
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

export function clearDraft(app: string, form: string, id: string | null): void {
  sessionStorage.removeItem(key(app, form, id));
}

/**
 * Keeps what is typed in sessionStorage while the form has unsaved changes (debounced), so an
 * expired session, a reload or a network failure loses nothing: the page offers it back.
 */
export function useDraft(
  app: string,
  form: string,
  id: string | null,
  values: Values,
  dirty: boolean,
  baseVersion: number | null,
) {
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    clearTimeout(timer.current);
    if (!dirty) return;
    timer.current = setTimeout(() => {
      const draft: Draft = { values, baseVersion, savedAt: new Date().toISOString() };
      try {
        sessionStorage.setItem(key(app, form, id), JSON.stringify(draft));
      } catch {
        // storage full or disabled: the page still holds the values
      }
    }, 300);
    return () => clearTimeout(timer.current);
  }, [app, form, id, values, dirty, baseVersion]);
}
