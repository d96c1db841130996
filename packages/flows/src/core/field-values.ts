import { compile } from '@tessera/logic';
import { emit, logicScope, type StepDraft } from './step-draft';

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

/**
 * Writes values to the instance's own record when a request ends early (a flow's `onWithdraw`,
 * a node's `onReject.set`): evaluated over the record now, written by the runner through the
 * records service in this step's transaction, like a service node's update_record.
 */
export function writeRecordValues(draft: StepDraft, values: Readonly<Record<string, unknown>>): void {
  emit(draft, { type: 'update-record', set: evaluateValues(draft, values, logicScope(draft)) });
}
