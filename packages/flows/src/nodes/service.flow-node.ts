import type { Action } from '@tessera/schema';
import { evaluateValues } from '../core/field-values';
import { readPath, renderTemplate } from '../core/record-template';
import { emit, failInstance, log, logicScope, type StepDraft } from '../core/step-draft';
import type { ConfigIssue, NodeBehavior, NodeOfType, NodeOutcome } from './node-behavior';

type ActionOf<T extends Action['type']> = Extract<Action, { type: T }>;

function lineItemsOf(draft: StepDraft, action: ActionOf<'create_record'>) {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const [field, mapping] of Object.entries(action.lineItems ?? {})) {
    const rows = readPath(draft.record, mapping.from);
    out[field] = (Array.isArray(rows) ? rows : []).map((row) =>
      evaluateValues(draft, mapping.values, { ...(row as object), _record: logicScope(draft) }),
    );
  }
  return out;
}

/** One function per action type, told apart by `type` (exhaustive by the Record's type). */
const RUN: {
  readonly [T in Action['type']]: (draft: StepDraft, nodeId: string, action: ActionOf<T>) => void;
} = {
  update_record(draft, _nodeId, action) {
    const set = evaluateValues(draft, action.set, logicScope(draft));
    emit(draft, {
      type: 'update-record',
      set,
      ...(action.form ? { form: action.form, where: action.where } : {}),
    });
    if (!action.form) Object.assign(draft.record, set);
  },
  create_record(draft, _nodeId, action) {
    emit(draft, {
      type: 'create-record',
      form: action.form,
      values: evaluateValues(draft, action.values, logicScope(draft)),
      lineItems: lineItemsOf(draft, action),
      ...(action.linkBack ? { linkBack: action.linkBack } : {}),
    });
  },
  notify(draft, nodeId, action) {
    const scope = logicScope(draft);
    emit(draft, {
      type: 'notify',
      reason: 'action',
      nodeId,
      channels: action.channels,
      to: action.to,
      userIds: [],
      subject: action.subject ? renderTemplate(action.subject, scope) : null,
      body: renderTemplate(action.body, scope),
    });
  },
  webhook(draft, nodeId, action) {
    emit(draft, {
      type: 'call-webhook',
      nodeId,
      url: action.url,
      method: action.method ?? 'POST',
      headers: action.headers ?? {},
      body: action.body ?? { record: draft.record, nodeId },
      retries: action.retries ?? 5,
      ...(action.secretEnv ? { secretEnv: action.secretEnv } : {}),
    });
  },
  start_flow(draft, nodeId, action) {
    emit(draft, { type: 'start-flow', nodeId, flow: action.flow });
  },
  create_todo(draft, nodeId) {
    failInstance(draft, 'unsupported_action', 'create_todo is a rule action; use a user_task node.', nodeId);
  },
};

/** The system does an action (update fields, create a record by mapping, notify, webhook). */
export const serviceNode: NodeBehavior<NodeOfType<'service'>> = {
  type: 'service',
  version: 1,
  validateConfig(node) {
    const issues: ConfigIssue[] = [];
    if (node.action.type === 'create_todo')
      issues.push({ path: 'action.type', message: 'create_todo is a rule action; use a user_task node' });
    return issues;
  },
  enter({ draft, node }): NodeOutcome {
    const run = RUN[node.action.type] as (d: StepDraft, id: string, a: Action) => void;
    try {
      run(draft, node.id, node.action);
    } catch (error) {
      failInstance(draft, 'service_failed', (error as Error).message, node.id);
      return { kind: 'stop' };
    }
    if (draft.state.status !== 'running') return { kind: 'stop' };
    log(draft, { kind: 'service-done', nodeId: node.id, detail: { action: node.action.type } });
    return { kind: 'next' };
  },
};
