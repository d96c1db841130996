import { type RawBuilder, sql } from 'kysely';
import { localDate } from '../eval/local-date';
import { fireOnce } from '../firing/rule-firing';
import { formCache } from '../model/form-meta.repository';
import type { ActiveRule } from '../model/rule.repository';
import { dateOccurrencePrefix } from '../model/rule-triggers';
import { type RulesDeps, retryPolicy } from '../rules-context';
import { dueBound, resolveSweepColumn, sweepSource } from './date-relative.sweep';
import { type Candidate, type CandidateQuery, selectCandidates } from './record-candidates.query';
import type { TriggerOf } from './trigger-handler';

export interface SweepReport {
  readonly fired: number;
  /** Candidates another sweep fired first (a concurrent worker). */
  readonly raced: number;
  readonly conditionInSql: boolean;
}

const BATCH = 500;

/** The occurrence SQL under the rule's once-policy. */
export function occurrenceSql(
  rule: ActiveRule,
  base: RawBuilder<string>,
  now: Date,
  timeZone: string,
): RawBuilder<string> {
  switch (rule.definition.once ?? 'occurrence') {
    case 'occurrence':
      return base;
    case 'record':
      return sql<string>`'once'`;
    case 'day':
      return sql<string>`${`day:${localDate(now, timeZone)}`}::text`;
    default:
      throw new Error(`unknown once-policy ${String(rule.definition.once)}`);
  }
}

type DateTrigger = TriggerOf<'date_relative'>;

/** The candidate query of one date trigger of a rule at `now` (null: nothing to sweep). */
export async function dateRelativeQuery(
  deps: RulesDeps,
  rule: ActiveRule,
  trigger: DateTrigger,
  now: Date,
  options: { excludeFired: boolean; limit: number },
): Promise<CandidateQuery | null> {
  if (!rule.definition.form) return null;
  const forms = formCache(deps.db, rule.appKey);
  const form = await forms(rule.definition.form);
  if (!form) return null;
  const swept = await resolveSweepColumn(forms, rule, trigger);
  const source = sweepSource(rule.appKey, swept, form.key);
  const prefix = dateOccurrencePrefix(rule.definition, trigger, swept.valueType === 'date' ? 'date' : 'at');
  const bound = dueBound(trigger, swept, source.column, prefix, now, deps.timeZone);
  return {
    rule,
    form,
    forms,
    from: source.from,
    due: bound.due,
    occurrence: occurrenceSql(rule, bound.occurrence, now, deps.timeZone),
    orderBy: bound.orderBy,
    now,
    timeZone: deps.timeZone,
    limit: options.limit,
    excludeFired: options.excludeFired,
  };
}

/** Due records of one date trigger (for the sweep, and the dry run with `excludeFired`). */
export async function dateRelativeCandidates(
  deps: RulesDeps,
  rule: ActiveRule,
  trigger: DateTrigger,
  now: Date,
  options: { excludeFired: boolean; limit: number },
): Promise<{ candidates: Candidate[]; inSql: boolean }> {
  const query = await dateRelativeQuery(deps, rule, trigger, now, options);
  return query ? selectCandidates(deps.db, query) : { candidates: [], inSql: true };
}

/**
 * The indexed sweep of one date trigger of a rule: select what is due and not yet fired, fire
 * each in one transaction. Batches repeat until nothing is left (conditions evaluated in
 * memory take one batch per sweep, so a false condition cannot loop).
 */
export async function sweepDateRelative(
  deps: RulesDeps,
  rule: ActiveRule,
  trigger: DateTrigger,
  now: Date,
): Promise<SweepReport> {
  let fired = 0;
  let raced = 0;
  let conditionInSql = true;
  for (;;) {
    const { candidates, inSql } = await dateRelativeCandidates(deps, rule, trigger, now, {
      excludeFired: true,
      limit: BATCH,
    });
    conditionInSql = inSql;
    let firedNow = 0;
    for (const c of candidates) {
      const did = await deps.db.transaction().execute((trx) =>
        fireOnce(
          trx,
          {
            rule,
            occurrence: c.occurrence,
            context: {
              app: rule.appKey,
              form: rule.definition.form ?? null,
              recordId: c.recordId,
              actorId: null,
              data: c.data,
            },
            at: now,
            reason: `date-relative: ${trigger.amount} ${trigger.unit} ${trigger.direction} ${trigger.field} is due`,
          },
          retryPolicy(deps),
        ),
      );
      if (did) firedNow++;
      else raced++;
    }
    fired += firedNow;
    if (!inSql || candidates.length < BATCH || firedNow === 0) break;
  }
  return { fired, raced, conditionInSql };
}
