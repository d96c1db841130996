import { sql } from 'kysely';
import { formCache } from '../model/form-meta.repository';
import type { ActiveRule } from '../model/rule.repository';
import type { RulesDeps } from '../rules-context';
import { dateRelativeCandidates } from './date-relative.trigger';
import { selectCandidates } from './record-candidates.query';
import { cronInstants } from './schedule.trigger';

export interface DryRunResult {
  readonly trigger: string;
  /** Whether the condition ran as SQL (else in memory over the due rows). */
  readonly conditionInSql: boolean;
  readonly records: readonly { readonly recordId: string; readonly occurrence: string }[];
  /** For schedules: the next instants. */
  readonly nextRuns?: readonly string[];
}

const LIMIT = 200;

/**
 * What would fire now, without firing: for a date-relative rule, the due records not fired
 * yet; for a schedule with a form, the records matching the condition; for record-event
 * rules, the live records the condition currently holds for (they fire on their next event).
 */
export async function dryRun(
  deps: Pick<RulesDeps, 'db' | 'clock' | 'timeZone'>,
  rule: ActiveRule,
): Promise<DryRunResult> {
  const now = deps.clock.now();
  const trigger = rule.definition.trigger;
  const full = { ...deps } as RulesDeps;
  if (trigger.type === 'date_relative') {
    const { candidates, inSql } = await dateRelativeCandidates(full, rule, now, {
      excludeFired: true,
      limit: LIMIT,
    });
    return {
      trigger: trigger.type,
      conditionInSql: inSql,
      records: candidates.map(({ recordId, occurrence }) => ({ recordId, occurrence })),
    };
  }
  const nextRuns =
    trigger.type === 'schedule'
      ? cronInstants(
          trigger.cron,
          trigger.timezone ?? deps.timeZone,
          now,
          new Date(now.getTime() + 366 * 86_400_000),
          5,
        ).map((d) => d.toISOString())
      : undefined;
  const forms = formCache(deps.db, rule.appKey);
  const form = rule.definition.form ? await forms(rule.definition.form) : null;
  if (!form)
    return { trigger: trigger.type, conditionInSql: true, records: [], ...(nextRuns ? { nextRuns } : {}) };
  const { candidates, inSql } = await selectCandidates(deps.db, {
    rule,
    form,
    forms,
    due: sql`true`,
    occurrence: sql<string>`'now'`,
    orderBy: sql`t.id`,
    now,
    timeZone: deps.timeZone,
    limit: LIMIT,
    excludeFired: false,
  });
  return {
    trigger: trigger.type,
    conditionInSql: inSql,
    records: candidates.map(({ recordId, occurrence }) => ({ recordId, occurrence })),
    ...(nextRuns ? { nextRuns } : {}),
  };
}
