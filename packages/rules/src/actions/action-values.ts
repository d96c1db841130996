import { compile } from '@tessera/logic';
import type { ActionContext } from './action-handler';

/**
 * Field values of update/create actions: each a JSON-Logic expression (or a literal) evaluated
 * against the firing's record data (or `data`: a line item's scope), with the firing's clock.
 */
export function evaluateValues(
  values: Readonly<Record<string, unknown>>,
  ctx: ActionContext,
  data: unknown = ctx.firing.data,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, expr] of Object.entries(values)) {
    out[key] = compile(expr)(data, { now: ctx.now, timeZone: ctx.deps.timeZone });
  }
  return out;
}
