import type { RuleDefinition } from '@tessera/schema';
import type { PackDocument } from '../model/pack.js';
import { checkAction } from './action.check.js';
import {
  type CheckContext,
  checkFieldRef,
  checkFormRef,
  DATE_TYPES,
  type ErrorSink,
} from './check-context.js';

/** A rule's form, trigger fields and actions resolve. */
export function checkRule(ctx: CheckContext, sink: ErrorSink, doc: PackDocument<RuleDefinition>): void {
  const report = sink.at(doc);
  const rule = doc.value;
  const form = rule.form && checkFormRef(ctx, report, '/form', rule.form) ? rule.form : undefined;
  const { trigger } = rule;
  if (!rule.form && trigger.type !== 'schedule') {
    report(
      '',
      `missing required property 'form': a ${trigger.type} trigger watches the records of a form`,
      'invalid_definition',
    );
  }
  if (form) {
    switch (trigger.type) {
      case 'record_updated':
        for (const [i, f] of (trigger.fields ?? []).entries())
          checkFieldRef(ctx, report, `/trigger/fields/${i}`, form, f);
        break;
      case 'field_changed':
        checkFieldRef(ctx, report, '/trigger/field', form, trigger.field);
        break;
      case 'date_relative':
        checkFieldRef(ctx, report, '/trigger/field', form, trigger.field, DATE_TYPES);
        break;
      case 'record_created':
      case 'record_deleted':
      case 'schedule':
        break;
      default:
        trigger satisfies never;
    }
  }
  for (const [i, action] of rule.actions.entries()) checkAction(ctx, report, `/actions/${i}`, form, action);
}
