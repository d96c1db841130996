import { CronExpressionParser } from 'cron-parser';
import { sql } from 'kysely';
import { fireOnce } from '../firing/rule-firing';
import { formCache } from '../model/form-meta.repository';
import type { ActiveRule } from '../model/rule.repository';
import { triggersOfType } from '../model/rule-triggers';
import { type RulesDeps, retryPolicy } from '../rules-context';
import { occurrenceSql, type SweepReport } from './date-relative.trigger';
import { selectCandidates } from './record-candidates.query';

/** At most this many missed cron instants are handled per tick; the next tick continues. */
const MAX_INSTANTS_PER_TICK = 100;

/** The cron instants in (after, until], oldest first, at most `max`. */
export function cronInstants(cron: string, timeZone: string, after: Date, until: Date, max: number): Date[] {
  const expr = CronExpressionParser.parse(cron, { currentDate: after, tz: timeZone });
  const out: Date[] = [];
  while (out.length < max) {
    const next = expr.next().toDate();
    if (next.getTime() > until.getTime()) break;
    out.push(next);
  }
  return out;
}

/** The instants of every schedule trigger of the rule in (after, until], merged in time order. */
function ruleInstants(rule: ActiveRule, defaultZone: string, after: Date, until: Date) {
  const all = triggersOfType(rule.definition, 'schedule').flatMap((trigger) => {
    const timeZone = trigger.timezone ?? defaultZone;
    return cronInstants(trigger.cron, timeZone, after, until, MAX_INSTANTS_PER_TICK).map((instant) => ({
      instant,
      timeZone,
      trigger,
    }));
  });
  all.sort((a, b) => a.instant.getTime() - b.instant.getTime());
  // Two schedules at the same instant are one occurrence.
  const merged = all.filter((x, i) => i === 0 || x.instant.getTime() !== all[i - 1]!.instant.getTime());
  return merged.slice(0, MAX_INSTANTS_PER_TICK);
}

/**
 * A cron rule: every instant since the rule's cursor that is due by now fires once — a tick
 * that runs late (downtime) catches up each missed instant instead of skipping it or firing
 * it twice. With a form, the condition picks the records (one statement per instant); without,
 * the rule fires once per instant. The cursor moves in the transaction of the last firing.
 * A rule with several schedules walks their instants merged, in time order, under one cursor.
 */
export async function sweepSchedule(deps: RulesDeps, rule: ActiveRule, now: Date): Promise<SweepReport> {
  const after = rule.scheduleCursor ?? now;
  const instants = ruleInstants(rule, deps.timeZone, after, now);
  let fired = 0;
  let raced = 0;
  let conditionInSql = true;
  const forms = formCache(deps.db, rule.appKey);
  const form = rule.definition.form ? await forms(rule.definition.form) : null;
  for (const { instant, timeZone, trigger } of instants) {
    const occurrence = `cron:${instant.toISOString()}`;
    const targets = form
      ? await selectCandidates(deps.db, {
          rule,
          form,
          forms,
          due: sql`true`,
          occurrence: occurrenceSql(rule, sql<string>`${occurrence}::text`, instant, timeZone),
          orderBy: sql`t.id`,
          now: instant,
          timeZone,
          limit: 10_000,
          excludeFired: true,
        })
      : { candidates: [{ recordId: null, occurrence, data: {} }], inSql: true };
    conditionInSql = targets.inSql;
    await deps.db.transaction().execute(async (trx) => {
      for (const c of targets.candidates) {
        const did = await fireOnce(
          trx,
          {
            rule,
            occurrence: c.occurrence,
            context: {
              app: rule.appKey,
              form: form?.key ?? null,
              recordId: c.recordId,
              actorId: null,
              data: c.data,
            },
            at: now,
            reason: `schedule "${trigger.cron}" (${timeZone}) at ${instant.toISOString()}`,
          },
          retryPolicy(deps),
        );
        if (did) fired++;
        else raced++;
      }
      await sql`update tessera.rules set schedule_cursor = greatest(coalesce(schedule_cursor, ${instant}), ${instant})
        where id = ${rule.id}`.execute(trx);
    });
  }
  return { fired, raced, conditionInSql };
}
