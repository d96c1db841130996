import { compile } from '@tessera/logic';
import type { StepDraft } from './step-draft';

/**
 * Evaluates `{ "<field>": <JSON-Logic or literal> }` against `data`: a literal stays itself,
 * `{ "var": "customer" }` copies from the record, `{ "+": … }` computes.
 */
export function evaluateValues(
  draft: StepDraft,
  values: Readonly<Record<string, unknown>>,
  data: unknown,
): Record<string, unknown> {
  const ctx = { now: new Date(draft.at), timeZone: draft.timeZone };
  const out: Record<string, unknown> = {};
  for (const [key, expression] of Object.entries(values)) out[key] = compile(expression)(data, ctx);
  return out;
}
