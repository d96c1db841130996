import type { RuleTriggerType } from '@tessera/schema';
import { enqueue } from '@tessera/store';
import type { Kysely } from 'kysely';
import { logRun } from '../firing/run-log';
import { type ActiveRule, findTimedRules } from '../model/rule.repository';
import type { RulesDeps } from '../rules-context';
import { type SweepReport, sweepDateRelative } from '../triggers/date-relative.trigger';
import { sweepSchedule } from '../triggers/schedule.trigger';

export const TICK_TASK = 'rules.tick';
/** How often the tick runs (the resolution of schedules and date-relative rules). */
export const TICK_INTERVAL_MS = 60_000;

type Sweeper = (deps: RulesDeps, rule: ActiveRule, now: Date) => Promise<SweepReport>;
const SWEEPERS: Partial<Record<RuleTriggerType, Sweeper>> = {
  date_relative: sweepDateRelative,
  schedule: sweepSchedule,
};

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
    const sweep = SWEEPERS[rule.definition.trigger.type];
    if (!sweep) continue;
    const name = `${rule.appKey}/${rule.key}`;
    try {
      report[name] = await sweep(deps, rule, now);
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
