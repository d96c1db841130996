import { type FormGate, type FormRuntime, fieldResolver, type RecordsAccess } from '@tessera/forms';
import { type AppAccess, allows, formAccessOf } from '../model/form-access';
import { rowCondition } from '../sql/row-scope.compiler';

/**
 * The records service's port (`RecordsAccess` of @tessera/forms) over a resolved `AppAccess`:
 * actions, row scopes compiled against each form's published fields, hidden and read-only sets.
 * Admins get no gate at all (`undefined`), so their reads and writes run exactly the plain path.
 */
export function recordsAccess(access: AppAccess): RecordsAccess | undefined {
  if (access.admin) return undefined;
  const gates = new Map<string, FormGate>();
  return {
    form(runtime: FormRuntime): FormGate {
      const cached = gates.get(runtime.versionId);
      if (cached) return cached;
      const form = formAccessOf(access, runtime.definition.key);
      const gate: FormGate = {
        can: (action) => allows(form, action),
        rows: (action, alias) =>
          rowCondition(form.rows[action], {
            fields: runtime.definition.fields,
            alias,
            // the resolver the form's lists use: a filter scope reads exactly what a list filter can
            resolver: fieldResolver(runtime, alias),
          }),
        hidden: new Set(form.hidden),
        readOnly: new Set(form.readOnly),
      };
      gates.set(runtime.versionId, gate);
      return gate;
    },
  };
}
