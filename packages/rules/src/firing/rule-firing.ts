import { enqueue } from '@tessera/store';
import { type Kysely, sql } from 'kysely';
import { maxAttemptsOf } from '../actions/action.registry';
import type { RecordData } from '../eval/record-data.loader';
import type { ActiveRule } from '../model/rule.repository';
import type { RetryPolicy } from '../rules-context';
import { logRun } from './run-log';

export const ACTION_TASK = 'rules.action';

/** What a firing remembers: the data the actions render and act on. */
export interface FiringContext {
  readonly app: string;
  readonly form: string | null;
  readonly recordId: string | null;
  readonly actorId: string | null;
  readonly data: RecordData;
}

export interface FireInput {
  readonly rule: ActiveRule;
  readonly occurrence: string;
  readonly context: FiringContext;
  readonly at: Date;
  readonly reason: string;
}

/**
 * Fires a rule for (record, occurrence) exactly once. In the caller's transaction: the
 * idempotency row (unique rule + record + occurrence), one outbox row per action and its job.
 * A second firing of the same occurrence — a retried event, a late or concurrent sweep, a
 * restart — hits the unique key and changes nothing. Returns whether this call fired.
 */
export async function fireOnce(trx: Kysely<any>, input: FireInput, retry: RetryPolicy): Promise<boolean> {
  const { rule, context, at } = input;
  const recordId = context.recordId ?? '';
  const inserted = await sql<{ id: number }>`
    insert into tessera.rule_firings (rule_id, rule_version, record_id, occurrence, context, fired_at)
    values (${rule.id}, ${rule.version}, ${recordId}, ${input.occurrence}, ${JSON.stringify(context)}::jsonb, ${at})
    on conflict (rule_id, record_id, occurrence) do nothing returning id`.execute(trx);
  const firingId = inserted.rows[0]?.id;
  if (firingId === undefined) return false;
  for (const [index, action] of rule.definition.actions.entries()) {
    const max = maxAttemptsOf(action) ?? retry.maxAttempts;
    const row = await sql<{ id: number }>`
      insert into tessera.rule_actions (firing_id, action_index, type, status, max_attempts, next_attempt_at, created_at)
      values (${firingId}, ${index}, ${action.type}, 'pending', ${max}, ${at}, ${at}) returning id`.execute(
      trx,
    );
    const actionId = Number(row.rows[0]!.id);
    await enqueue(trx, ACTION_TASK, { actionId }, { jobKey: `${ACTION_TASK}:${actionId}` });
  }
  await logRun(trx, {
    ruleId: rule.id,
    recordId: context.recordId,
    occurrence: input.occurrence,
    outcome: 'fired',
    reason: input.reason,
    at,
  });
  return true;
}
