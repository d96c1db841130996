import type { Action, RuleDefinition } from '@tessera/schema';
import { enqueue } from '@tessera/store';
import { type Kysely, sql } from 'kysely';
import { ACTION_TASK, type FiringContext } from '../firing/rule-firing';
import { logRun } from '../firing/run-log';
import { backoffMs, type RulesDeps, retryPolicy } from '../rules-context';
import { ACTIONS, handlerOf } from './action.registry';
import type { ActionContext } from './action-handler';

export type ActionOutcome = 'done' | 'retry' | 'dead' | 'skipped';

/** How long a runner may hold an action before another may take it over (a crashed worker). */
const CLAIM_MS = 5 * 60_000;

interface Claimed {
  id: number;
  action_index: number;
  attempts: number;
  max_attempts: number;
  rule_id: string;
  app_key: string;
  rule_key: string;
  record_id: string;
  occurrence: string;
  context: FiringContext;
  definition: RuleDefinition;
}

/** Claims a pending, due action not held by another runner; returns it with its rule. */
async function claim(executor: Kysely<any>, actionId: number, now: Date): Promise<Claimed | undefined> {
  const claimed = await sql<Claimed>`
    update tessera.rule_actions a set locked_until = ${new Date(now.getTime() + CLAIM_MS)}
    from tessera.rule_firings f
    join tessera.rules r on r.id = f.rule_id
    join tessera.rule_versions v on v.rule_id = f.rule_id and v.version = f.rule_version
    where a.id = ${actionId} and f.id = a.firing_id and a.status = 'pending' and a.next_attempt_at <= ${now}
      and (a.locked_until is null or a.locked_until <= ${now})
    returning a.id, a.action_index, a.attempts, a.max_attempts, f.rule_id, r.app_key, r.key as rule_key,
      f.record_id, f.occurrence, f.context, v.definition`.execute(executor);
  return claimed.rows[0];
}

/**
 * Runs one action of a firing: claim it (pending, due, not held by another runner), do its
 * outside I/O, then in one transaction apply its database effects and mark it done. A failure
 * counts an attempt and schedules a retry job at now + backoff; the last failure dead-letters
 * the action (status 'dead') and logs it. A done or dead action is never run again.
 * An action without outside I/O is claimed, applied and marked done in ONE transaction, so a
 * process killed half-way leaves it pending and unclaimed for the next run of its job.
 */
export async function runRuleAction(deps: RulesDeps, actionId: number): Promise<ActionOutcome> {
  const { db } = deps;
  const now = deps.clock.now();
  const kind = await sql<{ type: Action['type'] }>`
    select type from tessera.rule_actions where id = ${actionId}`.execute(db);
  const type = kind.rows[0]?.type;
  if (!type) return 'skipped';
  let row: Claimed | undefined;
  try {
    const applyAndFinish = async (trx: Kysely<any>, claimed: Claimed): Promise<void> => {
      const action = claimed.definition.actions[claimed.action_index]!;
      await handlerOf(action).apply?.(trx, contextOf(deps, claimed, now));
      await sql`update tessera.rule_actions set status = 'done', done_at = ${now}, attempts = attempts + 1,
        locked_until = null where id = ${actionId}`.execute(trx);
      await logRun(trx, {
        ruleId: claimed.rule_id,
        recordId: claimed.record_id || null,
        occurrence: claimed.occurrence,
        outcome: 'done',
        reason: `${action.type} (action ${claimed.action_index + 1}) done`,
        at: now,
      });
    };
    if (!ACTIONS[type].send) {
      const done = await db.transaction().execute(async (trx) => {
        row = await claim(trx, actionId, now);
        if (!row?.definition.actions[row.action_index]) return false;
        await applyAndFinish(trx, row);
        return true;
      });
      if (!done) await runWhenFree(deps, actionId, now);
      return done ? 'done' : 'skipped';
    }
    row = await claim(db, actionId, now);
    const claimed = row;
    const action = claimed?.definition.actions[claimed.action_index];
    if (!claimed || !action) {
      await runWhenFree(deps, actionId, now);
      return 'skipped';
    }
    await handlerOf(action).send?.(contextOf(deps, claimed, now));
    await db.transaction().execute(async (trx) => {
      const still =
        await sql`select 1 from tessera.rule_actions where id = ${actionId} and status = 'pending' for update`.execute(
          trx,
        );
      if (still.rows.length === 0) return;
      await applyAndFinish(trx, claimed);
    });
    return 'done';
  } catch (error) {
    if (!row) throw error;
    return failed(deps, row, type, error, now);
  }
}

function contextOf(deps: RulesDeps, row: Claimed, now: Date): ActionContext {
  return {
    deps,
    action: row.definition.actions[row.action_index]!,
    actionId: Number(row.id),
    rule: { id: row.rule_id, appKey: row.app_key, key: row.rule_key },
    firing: { ...row.context, occurrence: row.occurrence },
    now,
  };
}

/**
 * The action was not ours to run: done or dead (nothing to do), not due yet, or claimed by
 * another runner — which may have died holding the claim. A still-pending action gets a job at
 * the moment it becomes free again, so a crash never strands it.
 */
async function runWhenFree(deps: RulesDeps, actionId: number, now: Date): Promise<void> {
  const rows = await sql<{ free_at: Date }>`
    select greatest(next_attempt_at, coalesce(locked_until, next_attempt_at)) as free_at
    from tessera.rule_actions where id = ${actionId} and status = 'pending'`.execute(deps.db);
  const freeAt = rows.rows[0]?.free_at;
  if (!freeAt) return;
  const runAt = new Date(Math.max(new Date(freeAt).getTime(), now.getTime()) + 1000);
  await enqueue(deps.db, ACTION_TASK, { actionId }, { runAt, jobKey: `${ACTION_TASK}:${actionId}` });
}

async function failed(
  deps: RulesDeps,
  row: Claimed,
  type: string,
  error: unknown,
  now: Date,
): Promise<ActionOutcome> {
  const attempts = Number(row.attempts) + 1;
  const max = Number(row.max_attempts);
  const dead = attempts >= max;
  const message = error instanceof Error ? error.message : String(error);
  const policy = retryPolicy(deps, max);
  const next = new Date(now.getTime() + backoffMs(policy, attempts));
  await deps.db.transaction().execute(async (trx) => {
    await sql`update tessera.rule_actions set attempts = ${attempts}, last_error = ${message}, locked_until = null,
      status = ${dead ? 'dead' : 'pending'}, next_attempt_at = ${dead ? now : next} where id = ${row.id}`.execute(
      trx,
    );
    if (!dead)
      await enqueue(
        trx,
        ACTION_TASK,
        { actionId: Number(row.id) },
        { runAt: next, jobKey: `${ACTION_TASK}:${row.id}` },
      );
    await logRun(trx, {
      ruleId: row.rule_id,
      recordId: row.record_id || null,
      occurrence: row.occurrence,
      outcome: dead ? 'dead' : 'failed',
      reason: dead
        ? `${type} failed ${attempts} times, dead-lettered: ${message}`
        : `${type} failed (attempt ${attempts} of ${max}), retry at ${next.toISOString()}: ${message}`,
      at: now,
    });
  });
  return dead ? 'dead' : 'retry';
}

/** Runs every pending action that is due at the clock's now (tests and the tick use it). */
export async function runDueActions(deps: RulesDeps): Promise<Record<ActionOutcome, number>> {
  const due = await sql<{ id: number }>`select id from tessera.rule_actions
    where status = 'pending' and next_attempt_at <= ${deps.clock.now()} order by id`.execute(deps.db);
  const counts: Record<ActionOutcome, number> = { done: 0, retry: 0, dead: 0, skipped: 0 };
  for (const { id } of due.rows) counts[await runRuleAction(deps, Number(id))]++;
  return counts;
}

export interface DeadLetter {
  readonly actionId: number;
  readonly ruleKey: string;
  readonly appKey: string;
  readonly type: string;
  readonly recordId: string | null;
  readonly occurrence: string;
  readonly attempts: number;
  readonly lastError: string | null;
}

/** Actions that failed every attempt, newest first. */
export async function listDeadLetters(deps: Pick<RulesDeps, 'db'>, appKey?: string): Promise<DeadLetter[]> {
  const r = await sql<
    Record<string, any>
  >`select a.id, r.key, r.app_key, a.type, f.record_id, f.occurrence, a.attempts, a.last_error
    from tessera.rule_actions a join tessera.rule_firings f on f.id = a.firing_id join tessera.rules r on r.id = f.rule_id
    where a.status = 'dead' and (${appKey ?? null}::text is null or r.app_key = ${appKey ?? null})
    order by a.id desc limit 200`.execute(deps.db);
  return r.rows.map((x) => ({
    actionId: Number(x.id),
    ruleKey: x.key,
    appKey: x.app_key,
    type: x.type,
    recordId: x.record_id || null,
    occurrence: x.occurrence,
    attempts: Number(x.attempts),
    lastError: x.last_error,
  }));
}
