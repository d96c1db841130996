import { compileFormLogic } from '@tessera/logic/browser';
import type { FormDefinition } from '@tessera/schema';
import { platformClock } from '../../../shared/platform-clock';

/**
 * A new record's starting values: each field's default (a constant, or an expression such as
 * today or the current user), as the engine applies them on create, so the form shows them.
 */
export function initialValues(definition: FormDefinition, userId: string | null): Record<string, unknown> {
  const logic = compileFormLogic(definition);
  const ctx = platformClock();
  const out: Record<string, unknown> = {};
  for (const rule of logic.main.fields) {
    const { field } = rule;
    if (field.default === undefined) continue;
    let value: unknown;
    try {
      value = rule.defaultExpr ? rule.defaultExpr({ $user: { id: userId } }, ctx) : field.default;
    } catch {
      value = null;
    }
    if (field.type === 'money' && value !== null && typeof value !== 'object') {
      value = { amount: String(value), currency: field.currency };
    }
    if (value !== null && value !== undefined) out[field.key] = value;
  }
  return out;
}
