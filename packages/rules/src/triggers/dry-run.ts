import { sql } from 'kysely';
import { formCache } from '../model/form-meta.repository';
import type { ActiveRule } from '../model/rule.repository';
import { ruleTriggers, triggersOfType } from '../model/rule-triggers';
import type { RulesDeps } from '../rules-context';
import { dateRelativeCandidates } from './date-relative.trigger';
import { selectCandidates } from './record-candidates.query';
import { cronInstants } from './schedule.trigger';

export interface DryRunResult {
  /** The rule's trigger types, comma-separated. */
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
  const triggers = ruleTriggers(rule.definition);
  const trigger = [...new Set(triggers.map((t) => t.type))].join(',');
  const full = { ...deps } as RulesDeps;
  const dates = triggersOfType(rule.definition, 'date_relative');
  if (dates.length > 0) {
    const records: { recordId: string; occurrence: string }[] = [];
    let conditionInSql = true;
    for (const date of dates) {
      const { candidates, inSql } = await dateRelativeCandidates(full, rule, date, now, {
        excludeFired: true,
        limit: LIMIT,
      });
      conditionInSql &&= inSql;
      records.push(...candidates.map(({ recordId, occurrence }) => ({ recordId, occurrence })));
    }
    return { trigger, conditionInSql, records: records.slice(0, LIMIT) };
  }
  const schedules = triggersOfType(rule.definition, 'schedule');
  const nextRuns =
    schedules.length > 0
      ? [
          ...new Set(
            schedules
              .flatMap((s) =>
                cronInstants(
                  s.cron,
                  s.timezone ?? deps.timeZone,
                  now,
                  new Date(now.getTime() + 366 * 86_400_000),
                  5,
                ),
              )
              .sort((a, b) => a.getTime() - b.getTime())
              .map((d) => d.toISOString()),
          ),
        ].slice(0, 5)
      : undefined;
  const forms = formCache(deps.db, rule.appKey);
  const form = rule.definition.form ? await forms(rule.definition.form) : null;
  if (!form) return { trigger, conditionInSql: true, records: [], ...(nextRuns ? { nextRuns } : {}) };
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
    trigger,
    conditionInSql: inSql,
    records: candidates.map(({ recordId, occurrence }) => ({ recordId, occurrence })),
    ...(nextRuns ? { nextRuns } : {}),
  };
}
