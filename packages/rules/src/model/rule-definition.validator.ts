import { validate as validateLogic } from '@tessera/logic';
import { type RuleDefinition, type SchemaError, validate } from '@tessera/schema';
import { CronExpressionParser } from 'cron-parser';
import { isTimeZone } from '../eval/local-date';
import { type FormLoader, fieldOf } from './form-meta.repository';

export type RuleValidation =
  | { readonly ok: true; readonly value: RuleDefinition }
  | { readonly ok: false; readonly errors: readonly SchemaError[] };

/**
 * The pack-format check (ajv), then what the schema cannot know: the form is published, the
 * trigger's fields exist with the right type, the condition and value expressions are valid
 * JSON-Logic, the cron expression and time zone parse, written fields exist, a `forEach` names a
 * line-items field of the rule's form.
 */
export async function validateRuleDefinition(
  definition: unknown,
  forms: FormLoader,
): Promise<RuleValidation> {
  const checked = validate('rule', definition);
  if (!checked.ok) return checked;
  const rule = checked.value;
  const errors: SchemaError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  const form = rule.form ? await forms(rule.form) : null;
  if (rule.form && !form) err('/form', `form "${rule.form}" is not published in this app`);
  const t = rule.trigger;
  if (t.type !== 'schedule' && !rule.form) err('/form', `a ${t.type} rule needs a form`);
  if (form) {
    if (t.type === 'date_relative') {
      const f = fieldOf(form, t.field);
      if (!f || (f.type !== 'date' && f.type !== 'datetime')) {
        err('/trigger/field', `"${t.field}" is not a date or datetime field of ${form.key}`);
      }
    }
    if (t.type === 'field_changed' && !fieldOf(form, t.field))
      err('/trigger/field', `"${t.field}" is not a field of ${form.key}`);
    if (t.type === 'record_updated') {
      for (const [i, key] of (t.fields ?? []).entries()) {
        if (!fieldOf(form, key)) err(`/trigger/fields/${i}`, `"${key}" is not a field of ${form.key}`);
      }
    }
  }
  if (t.type === 'schedule') {
    if (t.timezone && !isTimeZone(t.timezone)) err('/trigger/timezone', `unknown time zone "${t.timezone}"`);
    try {
      CronExpressionParser.parse(t.cron, { tz: t.timezone && isTimeZone(t.timezone) ? t.timezone : 'UTC' });
    } catch (e) {
      err('/trigger/cron', `invalid cron expression: ${(e as Error).message}`);
    }
  }
  if (rule.condition !== undefined) {
    const logic = validateLogic(rule.condition);
    if (!logic.ok) for (const e of logic.errors) err(`/condition${e.path ? `/${e.path}` : ''}`, e.message);
  }
  for (const [i, action] of rule.actions.entries()) {
    const at = `/actions/${i}`;
    if (action.type === 'update_record' || action.type === 'create_record') {
      const target = action.form ? await forms(action.form) : form;
      if (!target) {
        err(`${at}/form`, `form "${action.form ?? rule.form ?? ''}" is not published in this app`);
        continue;
      }
      const values = action.type === 'update_record' ? action.set : action.values;
      for (const [key, expr] of Object.entries(values)) {
        const path = `${at}/${action.type === 'update_record' ? 'set' : 'values'}/${key}`;
        if (!fieldOf(target, key)) err(path, `"${key}" is not a field of ${target.key}`);
        const logic = validateLogic(expr);
        if (!logic.ok) err(path, logic.errors.map((e) => e.message).join('; '));
      }
    }
    if (action.type === 'create_record' && action.forEach) {
      const { from, where } = action.forEach;
      const lines = form ? fieldOf(form, from) : undefined;
      if (!form) err(`${at}/forEach`, "forEach needs the rule's form (its line items are the rows)");
      else if (lines?.type !== 'line_items')
        err(`${at}/forEach/from`, `"${from}" is not a line-items field of ${form.key}`);
      if (where !== undefined) {
        const logic = validateLogic(where);
        if (!logic.ok) err(`${at}/forEach/where`, logic.errors.map((e) => e.message).join('; '));
      }
    }
    if (action.type === 'update_record' && action.where && !action.form) {
      err(`${at}/where`, '"where" needs "form" (without it the triggering record is updated)');
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: rule };
}
