import {
  checkAction,
  checkFieldRef,
  checkFormRef,
  checkLogic,
  type ReferenceReport,
  type ReferenceScope,
} from '@tessera/forms';
import type { RuleDefinition, RuleTrigger } from '@tessera/schema';
import { CronExpressionParser } from 'cron-parser';
import { isTimeZone } from '../eval/local-date';
import { sweepColumn } from '../triggers/sweep-column.resolver';
import { ruleTriggers, triggerPath } from './rule-triggers';

/**
 * What a rule's JSON Schema cannot say, checked against the forms it names: THE rule check —
 * `pack validate` runs it on the pack's forms, the rules engine on the published forms when a
 * rule is saved and published, so the two cannot disagree. The form exists, the trigger's fields
 * exist with the right type (a date rule's field is one the sweep can bound), the cron
 * expression and time zone parse, the condition is valid JSON-Logic, and every action resolves.
 */
export function checkRule(scope: ReferenceScope, report: ReferenceReport, rule: RuleDefinition): void {
  const form = rule.form && checkFormRef(scope, report, '/form', rule.form) ? rule.form : undefined;
  const watching = ruleTriggers(rule).find((t) => t.type !== 'schedule');
  if (!rule.form && watching)
    report(
      '/form',
      `missing required property 'form': a ${watching.type} trigger watches the records of a form`,
      'invalid_definition',
    );
  for (const [i, trigger] of ruleTriggers(rule).entries())
    checkTrigger(scope, report, triggerPath(rule, i), form, trigger);
  if (rule.condition !== undefined) checkLogic(report, '/condition', rule.condition);
  for (const [i, action] of rule.actions.entries()) checkAction(scope, report, `/actions/${i}`, form, action);
}

function checkTrigger(
  scope: ReferenceScope,
  report: ReferenceReport,
  path: string,
  form: string | undefined,
  trigger: RuleTrigger,
): void {
  switch (trigger.type) {
    case 'record_updated':
      if (form)
        for (const [i, f] of (trigger.fields ?? []).entries())
          checkFieldRef(scope, report, `${path}/fields/${i}`, form, f);
      return;
    case 'field_changed':
      if (form) checkFieldRef(scope, report, `${path}/field`, form, trigger.field);
      return;
    case 'date_relative': {
      const column = form ? sweepColumn(scope, form, trigger.field) : ({ ok: 'unknown' } as const);
      if (column.ok === false) report(`${path}/field`, column.message, column.code);
      return;
    }
    case 'schedule': {
      const zone = trigger.timezone;
      if (zone && !isTimeZone(zone))
        report(`${path}/timezone`, `unknown time zone '${zone}'`, 'invalid_definition');
      try {
        CronExpressionParser.parse(trigger.cron, { tz: zone && isTimeZone(zone) ? zone : 'UTC' });
      } catch (e) {
        report(`${path}/cron`, `invalid cron expression: ${(e as Error).message}`, 'invalid_definition');
      }
      return;
    }
    case 'record_created':
    case 'record_deleted':
      return;
    default:
      trigger satisfies never;
  }
}
