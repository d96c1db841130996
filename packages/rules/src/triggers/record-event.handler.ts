import type { RecordEvent } from '@tessera/forms';
import { readStoredRow } from '@tessera/forms';
import type { FormDefinition } from '@tessera/schema';
import { conditionOf } from '../eval/condition.evaluator';
import { loadUser, normalizeRow, type RecordData, withLinkedRecords } from '../eval/record-data.loader';
import { occurrenceKey } from '../firing/once-policy';
import { fireOnce } from '../firing/rule-firing';
import { logRun } from '../firing/run-log';
import { formCache } from '../model/form-meta.repository';
import { findRulesForForm } from '../model/rule.repository';
import { ruleTriggers } from '../model/rule-triggers';
import { type RulesDeps, retryPolicy } from '../rules-context';
import { EVENT_TRIGGER_TYPES, matchEvent } from './trigger.registry';

export interface EventReport {
  readonly fired: readonly string[];
  readonly skipped: readonly string[];
}

/**
 * Consumes a `record.event` job: finds the enabled rules watching the form whose trigger
 * matches, evaluates each condition over the record (linked records one level deep, `old.*`,
 * `changes`, `user.*`, today/now from the clock) and fires the matching ones exactly once —
 * the occurrence is derived from the event, so a retried job fires nothing new.
 */
export async function handleRecordEvent(deps: RulesDeps, payload: RecordEvent): Promise<EventReport> {
  const { db } = deps;
  const rules = await findRulesForForm(db, payload.app, payload.form, EVENT_TRIGGER_TYPES);
  // Any trigger of the rule may match; the occurrence is the event's, so a rule whose two
  // triggers match one event still fires once.
  const matching = rules.flatMap((rule) => {
    for (const trigger of ruleTriggers(rule.definition)) {
      const occurrence = matchEvent(trigger, payload);
      if (occurrence) return [{ rule, occurrence }];
    }
    return [];
  });
  if (matching.length === 0) return { fired: [], skipped: [] };
  const forms = formCache(db, payload.app);
  const form = await forms(payload.form);
  const row = form ? await readStoredRow(db, payload.app, form, payload.recordId) : null;
  const now = deps.clock.now();
  const fired: string[] = [];
  const skipped: string[] = [];
  if (!form || !row) {
    for (const { rule, occurrence } of matching) {
      await logRun(db, {
        ruleId: rule.id,
        recordId: payload.recordId,
        occurrence,
        outcome: 'skipped',
        reason: 'the record no longer exists',
        at: now,
      });
      skipped.push(rule.key);
    }
    return { fired, skipped };
  }
  const data = await eventData(deps, payload, form, row, forms);
  const ctx = { now, timeZone: deps.timeZone };
  for (const { rule, occurrence } of matching) {
    const key = occurrenceKey(rule.definition, occurrence, now, deps.timeZone);
    let holds: boolean;
    try {
      holds = conditionOf(`${rule.id}@${rule.version}`, rule.definition.condition)(data, ctx);
    } catch (error) {
      await logRun(db, {
        ruleId: rule.id,
        recordId: payload.recordId,
        occurrence: key,
        outcome: 'failed',
        reason: `condition failed: ${(error as Error).message}`,
        at: now,
      });
      skipped.push(rule.key);
      continue;
    }
    if (!holds) {
      await logRun(db, {
        ruleId: rule.id,
        recordId: payload.recordId,
        occurrence: key,
        outcome: 'skipped',
        reason: 'condition is false',
        at: now,
      });
      skipped.push(rule.key);
      continue;
    }
    const didFire = await db.transaction().execute((trx) =>
      fireOnce(
        trx,
        {
          rule,
          occurrence: key,
          context: {
            app: payload.app,
            form: payload.form,
            recordId: payload.recordId,
            actorId: payload.actorId,
            data,
          },
          at: now,
          reason: `record ${payload.kind}`,
        },
        retryPolicy(deps),
      ),
    );
    (didFire ? fired : skipped).push(rule.key);
  }
  return { fired, skipped };
}

/** `{ ...record, old: {...}, changes, user, event }` — what conditions and templates read. */
async function eventData(
  deps: RulesDeps,
  event: RecordEvent,
  form: FormDefinition,
  row: Record<string, unknown>,
  forms: ReturnType<typeof formCache>,
): Promise<RecordData> {
  const record = normalizeRow(form, row);
  const old: RecordData = { ...record };
  for (const [key, change] of Object.entries(event.changes)) old[key] = change.old;
  const linked = await withLinkedRecords(deps.db, event.app, form, record, forms);
  return {
    ...linked,
    old,
    changes: event.changes,
    user: await loadUser(deps.db, event.actorId),
    event: { kind: event.kind, at: event.at },
  };
}
