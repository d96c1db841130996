import type { Problem } from '@tessera/api';
import type { TFunction } from 'i18next';

/** A field error as the server sends it: English `message`, and a stable `code` with `params`. */
export type FieldProblem = Problem['errors'][number];

/**
 * A field error in the UI's language: its code's text (`shared:fieldError.<CODE>`, filled with the
 * params), or the server's English message for a code this build does not know yet.
 */
export function fieldErrorText(error: FieldProblem, t: TFunction): string {
  if (!error.code || !/^[A-Z][A-Z0-9_]*$/.test(error.code)) return error.message;
  return t(`shared:fieldError.${error.code}`, { ...error.params, defaultValue: error.message });
}

/** Field errors by form path (`items[3].qty`), several on one path joined, each translated. */
export function fieldErrorsByPath(errors: readonly FieldProblem[], t?: TFunction): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    // body paths come as `body/name` from schema validation, as `name` from the engines
    const path = e.path.replace(/^body\//, '').replaceAll('/', '.');
    const text = t ? fieldErrorText(e, t) : e.message;
    out[path] = out[path] ? `${out[path]}; ${text}` : text;
  }
  return out;
}
