import type { Action, Assignee, Recipient } from '@tessera/schema';
import {
  type CheckContext,
  checkFieldRef,
  checkFormRef,
  checkNamedRef,
  type Report,
} from './check-context.js';

/** Checks who a task or message goes to, against the record's form and the pack's roles. */
export function checkAssignee(
  ctx: CheckContext,
  report: Report,
  path: string,
  formKey: string | undefined,
  assignee: Assignee | Recipient,
): void {
  switch (assignee.kind) {
    case 'role':
      checkNamedRef(report, `${path}/role`, 'role', assignee.role, ctx.roles);
      return;
    case 'field':
      if (formKey) checkFieldRef(ctx, report, `${path}/field`, formKey, assignee.field);
      return;
    case 'manager':
      if (formKey && assignee.of && assignee.of !== 'initiator') {
        checkFieldRef(ctx, report, `${path}/of`, formKey, assignee.of, ['user']);
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

function checkValueKeys(
  ctx: CheckContext,
  report: Report,
  path: string,
  formKey: string,
  values: object,
): void {
  for (const key of Object.keys(values)) checkFieldRef(ctx, report, `${path}/${key}`, formKey, key);
}

/**
 * Checks an action of a rule or of a flow service node. `formKey` is the form of the record
 * the action runs on (the rule's or flow's form).
 */
export function checkAction(
  ctx: CheckContext,
  report: Report,
  path: string,
  formKey: string | undefined,
  action: Action,
): void {
  switch (action.type) {
    case 'create_todo':
      for (const [i, a] of action.assignees.entries())
        checkAssignee(ctx, report, `${path}/assignees/${i}`, formKey, a);
      return;
    case 'notify':
      for (const [i, a] of action.to.entries()) checkAssignee(ctx, report, `${path}/to/${i}`, formKey, a);
      return;
    case 'update_record': {
      const target = action.form ?? formKey;
      if (action.form) checkFormRef(ctx, report, `${path}/form`, action.form);
      else if (action.where)
        report(
          `${path}/where`,
          "'where' needs 'form' (the records of which form to update)",
          'invalid_definition',
        );
      if (target) checkValueKeys(ctx, report, `${path}/set`, target, action.set);
      return;
    }
    case 'create_record': {
      if (!checkFormRef(ctx, report, `${path}/form`, action.form)) return;
      checkValueKeys(ctx, report, `${path}/values`, action.form, action.values);
      if (action.linkBack)
        checkFieldRef(ctx, report, `${path}/linkBack`, action.form, action.linkBack, ['link']);
      for (const [lineKey, mapping] of Object.entries(action.lineItems ?? {})) {
        const linePath = `${path}/lineItems/${lineKey}`;
        const target = checkFieldRef(ctx, report, linePath, action.form, lineKey, ['line_items']);
        if (formKey) checkFieldRef(ctx, report, `${linePath}/from`, formKey, mapping.from, ['line_items']);
        if (target?.type === 'line_items') {
          for (const key of Object.keys(mapping.values)) {
            checkFieldRef(ctx, report, `${linePath}/values/${key}`, action.form, `${lineKey}.${key}`);
          }
        }
      }
      return;
    }
    case 'start_flow':
      checkNamedRef(report, `${path}/flow`, 'flow', action.flow, ctx.flows);
      return;
    case 'webhook':
      return;
    default:
      action satisfies never;
  }
}
