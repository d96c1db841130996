import { enqueue } from '@tessera/store';
import type { Kysely } from 'kysely';
import { logRun } from '../firing/run-log';
import { type ActiveRule, findTimedRules } from '../model/rule.repository';
import { triggersOfType } from '../model/rule-triggers';
import type { RulesDeps } from '../rules-context';
import { type SweepReport, sweepDateRelative } from '../triggers/date-relative.trigger';
import { sweepSchedule } from '../triggers/schedule.trigger';

export const TICK_TASK = 'rules.tick';
/** How often the tick runs (the resolution of schedules and date-relative rules). */
export const TICK_INTERVAL_MS = 60_000;

/** One rule's sweeps at `now`: each date trigger, then its schedules (merged), summed. */
async function sweepRule(deps: RulesDeps, rule: ActiveRule, now: Date): Promise<SweepReport> {
  const reports: SweepReport[] = [];
  for (const trigger of triggersOfType(rule.definition, 'date_relative'))
    reports.push(await sweepDateRelative(deps, rule, trigger, now));
  if (triggersOfType(rule.definition, 'schedule').length > 0)
    reports.push(await sweepSchedule(deps, rule, now));
  return reports.reduce(
    (sum, r) => ({
      fired: sum.fired + r.fired,
      raced: sum.raced + r.raced,
      conditionInSql: sum.conditionInSql && r.conditionInSql,
    }),
    { fired: 0, raced: 0, conditionInSql: true },
  );
}

export interface TickReport {
  readonly [ruleKey: string]: SweepReport | { readonly error: string };
}

/**
 * One tick: sweep every enabled time-based rule at the clock's now. Safe to run on any number
 * of workers at once and at any lateness — firings are de-duplicated by their unique key.
 * A rule whose sweep throws is logged as failed and does not stop the others.
 */
export async function runRuleTick(deps: RulesDeps): Promise<TickReport> {
  const now = deps.clock.now();
  const report: Record<string, SweepReport | { error: string }> = {};
  for (const rule of await findTimedRules(deps.db)) {
    const name = `${rule.appKey}/${rule.key}`;
    try {
      report[name] = await sweepRule(deps, rule, now);
    } catch (error) {
      const message = (error as Error).message;
      report[name] = { error: message };
      await logRun(deps.db, {
        ruleId: rule.id,
        recordId: null,
        occurrence: null,
        outcome: 'failed',
        reason: `sweep failed: ${message}`,
        at: now,
      });
    }
  }
  return report;
}

/** Schedules the next tick (one pending tick at most: a job key). */
export async function scheduleRuleTick(db: Kysely<any>, runAt?: Date): Promise<void> {
  await enqueue(db, TICK_TASK, {}, { jobKey: TICK_TASK, ...(runAt ? { runAt } : {}) });
}

/** The queue task: tick, then schedule the next one. */
export async function ruleTickTask(deps: RulesDeps): Promise<void> {
  try {
    await runRuleTick(deps);
  } finally {
    await scheduleRuleTick(deps.db, new Date(Date.now() + TICK_INTERVAL_MS));
  }
}
