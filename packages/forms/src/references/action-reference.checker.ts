import { validate as validateLogic } from '@tessera/logic';
import type { Action, Assignee, Recipient } from '@tessera/schema';
import { checkFieldRef, checkFormRef, checkNamedRef } from './field-reference.checker';
import { checkMessengers } from './messenger-reference.checker';
import type { ReferenceReport, ReferenceScope } from './reference-scope';

/** Reports a JSON-Logic expression the logic engine would refuse (an unknown operator…). */
export function checkLogic(report: ReferenceReport, path: string, expression: unknown): void {
  const checked = validateLogic(expression);
  if (!checked.ok)
    for (const e of checked.errors)
      report(`${path}${e.path ? `/${e.path}` : ''}`, e.message, 'invalid_definition');
}

/** Checks who a task or message goes to, against the record's form and the known roles. */
export function checkAssignee(
  scope: ReferenceScope,
  report: ReferenceReport,
  path: string,
  formKey: string | undefined,
  assignee: Assignee | Recipient,
): void {
  switch (assignee.kind) {
    case 'role':
      checkNamedRef(scope, report, `${path}/role`, 'role', assignee.role);
      return;
    case 'field':
      if (formKey) checkFieldRef(scope, report, `${path}/field`, formKey, assignee.field);
      return;
    case 'manager':
      if (formKey && assignee.of && assignee.of !== 'initiator') {
        checkFieldRef(scope, report, `${path}/of`, formKey, assignee.of, ['user']);
      }
      return;
    case 'user':
    case 'department':
    case 'initiator':
    case 'address':
      return;
    default:
      assignee satisfies never;
  }
}

/** Every key names a field of the target form, every value is valid JSON-Logic (or a literal). */
function checkValues(
  scope: ReferenceScope,
  report: ReferenceReport,
  path: string,
  formKey: string,
  values: Readonly<Record<string, unknown>>,
  prefix = '',
): void {
  for (const [key, expression] of Object.entries(values)) {
    checkFieldRef(scope, report, `${path}/${key}`, formKey, `${prefix}${key}`);
    checkLogic(report, `${path}/${key}`, expression);
  }
}

/**
 * Checks an action of a rule or of a flow service node — the one check the pack validation and
 * the engines share. `formKey` is the form of the record the action runs on (the rule's or the
 * flow's form).
 */
export function checkAction(
  scope: ReferenceScope,
  report: ReferenceReport,
  path: string,
  formKey: string | undefined,
  action: Action,
): void {
  switch (action.type) {
    case 'create_todo':
      for (const [i, a] of action.assignees.entries())
        checkAssignee(scope, report, `${path}/assignees/${i}`, formKey, a);
      return;
    case 'notify':
      for (const [i, a] of action.to.entries()) checkAssignee(scope, report, `${path}/to/${i}`, formKey, a);
      checkMessengers(scope, report, path, action);
      return;
    case 'update_record': {
      const target = action.form ?? formKey;
      if (action.form) checkFormRef(scope, report, `${path}/form`, action.form);
      else if (action.where)
        report(
          `${path}/where`,
          "'where' needs 'form' (the records of which form to update; without it the record itself is updated)",
          'invalid_definition',
        );
      if (action.where !== undefined) checkLogic(report, `${path}/where`, action.where);
      if (target) checkValues(scope, report, `${path}/set`, target, action.set);
      return;
    }
    case 'create_record': {
      if (action.forEach) {
        const { from, where } = action.forEach;
        if (!formKey)
          report(
            `${path}/forEach`,
            "'forEach' needs the record's form (its line items are the rows)",
            'invalid_definition',
          );
        else checkFieldRef(scope, report, `${path}/forEach/from`, formKey, from, ['line_items']);
        if (where !== undefined) checkLogic(report, `${path}/forEach/where`, where);
      }
      if (!checkFormRef(scope, report, `${path}/form`, action.form)) return;
      checkValues(scope, report, `${path}/values`, action.form, action.values);
      if (action.linkBack)
        checkFieldRef(scope, report, `${path}/linkBack`, action.form, action.linkBack, ['link']);
      for (const [lineKey, mapping] of Object.entries(action.lineItems ?? {})) {
        const linePath = `${path}/lineItems/${lineKey}`;
        const target = checkFieldRef(scope, report, linePath, action.form, lineKey, ['line_items']);
        if (formKey) checkFieldRef(scope, report, `${linePath}/from`, formKey, mapping.from, ['line_items']);
        if (target?.type === 'line_items')
          checkValues(scope, report, `${linePath}/values`, action.form, mapping.values, `${lineKey}.`);
      }
      return;
    }
    case 'start_flow':
      checkNamedRef(scope, report, `${path}/flow`, 'flow', action.flow);
      return;
    case 'webhook':
      return;
    default:
      action satisfies never;
  }
}
