import type { EvalContext } from '@tessera/logic';
import type { TableRuntime } from './form-runtime';
import type { RecordValues } from './record-value.mapper';

/**
 * Applies defaults on create to every field the input leaves out (undefined; an explicit null is
 * kept): a constant, or `{ expr }` evaluated with `$user.id` and the clock (`today`, `now`).
 * A money field's constant default is its amount, in the field's currency.
 */
export function applyDefaults(
  table: TableRuntime,
  input: RecordValues,
  user: { id: string | null },
  ctx: EvalContext,
): RecordValues {
  const out: RecordValues = { ...input };
  for (const rule of table.fields) {
    const { field } = rule;
    if (field.default === undefined || out[field.key] !== undefined) continue;
    let value: unknown;
    if (rule.defaultExpr) {
      try {
        value = rule.defaultExpr({ $user: { id: user.id } }, ctx);
      } catch {
        value = null;
      }
    } else {
      value = field.default;
    }
    if (field.type === 'money' && value !== null && typeof value !== 'object') {
      value = { amount: String(value), currency: field.currency };
    }
    out[field.key] = value ?? null;
  }
  return out;
}
