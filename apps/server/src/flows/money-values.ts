import { createFormService } from '@tessera/forms';
import type { Kysely } from 'kysely';

/**
 * Flow expressions see money as its amount (a number), but the records API takes money as
 * `{ amount, currency? }`. A value a step computed for a money field (`"amount": { "var": "total" }`)
 * is wrapped here — rounded to the field's scale — before the records service validates it.
 */
export async function moneyAsObjects(
  executor: Kysely<any>,
  appKey: string,
  formKey: string,
  values: Readonly<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { ...values };
  // Only a number or a numeric string can be an amount: a step writing text (a note, a status)
  // needs no form definition, which saves a step two reads.
  const plain = Object.entries(values).filter(([, v]) => typeof v === 'number' || isNumeric(v));
  if (plain.length === 0) return out;
  const published = await createFormService({
    db: executor,
    actor: { id: null },
    clock: { now: () => new Date(0) },
  }).getPublished(appKey, formKey);
  for (const [key, value] of plain) {
    const field = published?.definition.fields.find((f) => f.key === key);
    if (field?.type !== 'money') continue;
    const scale = field.scale ?? 2;
    out[key] = { amount: typeof value === 'number' ? value.toFixed(scale) : value };
  }
  return out;
}

function isNumeric(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
}
