import type { FieldDefinition, FormDefinition } from '@tessera/schema';

/** The forms a form links to (its own fields and its line items'), other than itself. */
export function linkTargets(form: FormDefinition): string[] {
  const targets = new Set<string>();
  const visit = (fields: readonly { type: string }[]) => {
    for (const field of fields as readonly FieldDefinition[]) {
      if (field.type === 'link' && field.form !== form.key) targets.add(field.form);
      if (field.type === 'line_items') visit(field.fields);
    }
  };
  visit(form.fields);
  return [...targets].sort();
}

export type FormOrder =
  | { readonly ok: true; readonly order: readonly string[] }
  | { readonly ok: false; readonly cycle: readonly string[] };

/**
 * Orders forms so every link target comes before the forms linking to it (depth-first, stable:
 * alphabetical among independent forms). Targets outside `forms` are taken as already there.
 * A cycle of links cannot be published in any order: returned as `{ ok: false, cycle }`.
 */
export function orderForms(forms: readonly FormDefinition[]): FormOrder {
  const byKey = new Map(forms.map((f) => [f.key, f]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const stack: string[] = [];
  const visit = (key: string): readonly string[] | null => {
    const s = state.get(key);
    if (s === 'done') return null;
    if (s === 'visiting') return [...stack.slice(stack.indexOf(key)), key];
    state.set(key, 'visiting');
    stack.push(key);
    for (const target of linkTargets(byKey.get(key)!)) {
      if (!byKey.has(target)) continue;
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(key, 'done');
    order.push(key);
    return null;
  };
  for (const key of [...byKey.keys()].sort()) {
    const cycle = visit(key);
    if (cycle) return { ok: false, cycle };
  }
  return { ok: true, order };
}
