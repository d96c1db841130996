import {
  checkAction,
  checkAssignee,
  checkFieldRef,
  checkFormRef,
  checkLogic,
  checkNamedRef,
  DATE_TYPES,
  type ReferenceReport,
  type ReferenceScope,
} from '@tessera/forms';
import type { FlowDefinition, FlowNode } from '@tessera/schema';
import { logicFieldPaths } from './logic-field-paths';

/** Every field a condition reads exists on the flow's form (`customer.tier` through links). */
function checkCondition(
  scope: ReferenceScope,
  report: ReferenceReport,
  path: string,
  form: string | undefined,
  condition: unknown,
): void {
  if (condition === undefined) return;
  checkLogic(report, path, condition);
  if (form) for (const field of logicFieldPaths(condition)) checkFieldRef(scope, report, path, form, field);
}

/** Values a flow writes to its record: each key a field of the form, each value valid JSON-Logic. */
function checkSet(
  scope: ReferenceScope,
  report: ReferenceReport,
  path: string,
  form: string | undefined,
  values: Readonly<Record<string, unknown>> | undefined,
): void {
  for (const [key, expression] of Object.entries(values ?? {})) {
    if (form) checkFieldRef(scope, report, `${path}/${key}`, form, key);
    checkCondition(scope, report, `${path}/${key}`, form, expression);
  }
}

function checkNode(
  scope: ReferenceScope,
  report: ReferenceReport,
  path: string,
  form: string | undefined,
  node: FlowNode,
): void {
  switch (node.type) {
    case 'approval':
    case 'user_task':
      for (const [i, a] of node.assignees.entries())
        checkAssignee(scope, report, `${path}/assignees/${i}`, form, a);
      for (const [i, a] of (node.cc ?? []).entries())
        checkAssignee(scope, report, `${path}/cc/${i}`, form, a);
      if (form)
        for (const key of Object.keys(node.fields ?? {}))
          checkFieldRef(scope, report, `${path}/fields/${key}`, form, key);
      checkSet(scope, report, `${path}/onReject/set`, form, node.onReject?.set);
      return;
    case 'service':
      checkAction(scope, report, `${path}/action`, form, node.action);
      return;
    case 'timer':
      if (form && node.until) checkFieldRef(scope, report, `${path}/until`, form, node.until, DATE_TYPES);
      return;
    case 'wait':
      checkCondition(scope, report, `${path}/condition`, form, node.condition);
      return;
    case 'start':
      checkCondition(scope, report, `${path}/submitWhen`, form, node.submitWhen);
      if (form)
        for (const key of Object.keys(node.fields ?? {}))
          checkFieldRef(scope, report, `${path}/fields/${key}`, form, key);
      return;
    case 'subflow':
      checkNamedRef(scope, report, `${path}/flow`, 'flow', node.flow);
      return;
    case 'end':
    case 'exclusive_gateway':
    case 'parallel_gateway':
      return;
    default:
      node satisfies never;
  }
}

/**
 * What a flow names outside itself, checked against an app's forms (its shape — graph, node
 * settings — is validateFlowDefinition's): THE flow reference check —
 * `pack validate` runs it on the pack's forms, the flow engine on the published forms whenever a
 * flow is saved or published (the API, a BPMN import, pack apply), so none of them lets through
 * a flow on a form that does not exist or a condition on an unknown field. The form exists;
 * assignees, node field permissions, timer dates and service actions resolve; every condition
 * (gateway edges, waits, the start's `submitWhen`) and every value written reads known fields.
 */
export function checkFlowReferences(
  scope: ReferenceScope,
  report: ReferenceReport,
  flow: FlowDefinition,
): void {
  const form = checkFormRef(scope, report, '/form', flow.form) ? flow.form : undefined;
  for (const [i, node] of flow.nodes.entries()) checkNode(scope, report, `/nodes/${i}`, form, node);
  for (const [i, edge] of flow.edges.entries())
    checkCondition(scope, report, `/edges/${i}/condition`, form, edge.condition);
  checkSet(scope, report, '/onWithdraw/set', form, flow.onWithdraw?.set);
  checkSet(scope, report, '/onReturn/set', form, flow.onReturn?.set);
}
