import type { RecordService } from '@tessera/forms';
import { compile } from '@tessera/logic';
import type { Kysely } from 'kysely';
import { formCache } from '../model/form-meta.repository';
import { RulesError } from '../rules.error';
import type { ActionContext, ActionOf } from './action-handler';

type ForEach = NonNullable<ActionOf<'create_record'>['forEach']>;

const NUMERIC = new Set(['number', 'money', 'percent', 'integer']);

/**
 * The scopes of a `forEach`: the triggering record's current line items of `from` (read through
 * the records service, so row lookups such as a product's stock are the linked record's values
 * now), each as `{ ...row, _record }` with the firing's data, kept when `where` holds. Numbers
 * read as numbers, as in conditions (a money value is its amount).
 */
export async function lineItemScopes(
  trx: Kysely<any>,
  ctx: ActionContext,
  records: RecordService,
  forEach: ForEach,
): Promise<Record<string, unknown>[]> {
  const { firing } = ctx;
  if (!firing.form || !firing.recordId)
    throw new RulesError(
      'RULE_ACTION_FAILED',
      'forEach needs a triggering record (the rule watches no form)',
    );
  const form = await formCache(trx, firing.app)(firing.form);
  const field = form?.fields.find((f) => f.key === forEach.from && f.deleted !== true);
  if (field?.type !== 'line_items')
    throw new RulesError(
      'RULE_ACTION_FAILED',
      `forEach: "${forEach.from}" is not a line-items field of ${firing.form}`,
    );
  const record = await records.get(firing.app, firing.form, firing.recordId);
  const rows = Array.isArray(record[forEach.from]) ? (record[forEach.from] as Record<string, unknown>[]) : [];
  const where = forEach.where === undefined ? null : compile(forEach.where);
  const at = { now: ctx.now, timeZone: ctx.deps.timeZone };
  return rows
    .map((row) => ({ ...plainRow(field.fields, row), _record: firing.data }))
    .filter((scope) => !where || Boolean(where(scope, at)));
}

function plainRow(
  fields: readonly { key: string; type: string }[],
  row: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const [key, value] of Object.entries(row)) {
    const def = fields.find((f) => f.key === key);
    if (value && typeof value === 'object' && 'amount' in value)
      out[key] = toNumber((value as { amount: unknown }).amount);
    else if (def && NUMERIC.has(def.type)) out[key] = toNumber(value);
  }
  return out;
}

function toNumber(value: unknown): unknown {
  return typeof value === 'string' && value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
}
