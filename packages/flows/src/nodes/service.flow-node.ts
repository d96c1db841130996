import { compile } from '@tessera/logic';
import type { Action } from '@tessera/schema';
import { evaluateValues } from '../core/field-values';
import { bindRecordValues } from '../core/record-binding';
import { readPath, renderTemplate } from '../core/record-template';
import { awaitStoredRecord, emit, failInstance, log, logicScope, type StepDraft } from '../core/step-draft';
import type { ConfigIssue, NodeBehavior, NodeOfType, NodeOutcome } from './node-behavior';

type ActionOf<T extends Action['type']> = Extract<Action, { type: T }>;

/** One text with `{{ field }}` placeholders (a URL, a user id, an SMS parameter). */
function renderText(text: string, scope: unknown): string {
  return renderTemplate({ text }, scope).text ?? '';
}

/**
 * The scopes of the records a create_record makes: the record's own, or with `forEach` one per
 * line item of `from` for which `where` holds — the row's fields, the record under `_record`.
 */
function creationScopes(draft: StepDraft, action: ActionOf<'create_record'>): Record<string, unknown>[] {
  const record = logicScope(draft);
  if (!action.forEach) return [record];
  const rows = readPath(draft.record, action.forEach.from);
  if (!Array.isArray(rows))
    throw new Error(`forEach: "${action.forEach.from}" is not a line-items field of the record`);
  const where = action.forEach.where === undefined ? null : compile(action.forEach.where);
  const ctx = { now: new Date(draft.at), timeZone: draft.timeZone };
  return rows
    .map((row) => ({ ...(row as object), _record: record }))
    .filter((scope) => !where || Boolean(where(scope, ctx)));
}

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
      ...(action.form ? { form: action.form, where: bindRecordValues(action.where, draft.record) } : {}),
    });
  },
  create_record(draft, _nodeId, action) {
    const lineItems = lineItemsOf(draft, action);
    for (const scope of creationScopes(draft, action)) {
      emit(draft, {
        type: 'create-record',
        form: action.form,
        values: evaluateValues(draft, action.values, scope),
        lineItems,
        ...(action.linkBack ? { linkBack: action.linkBack } : {}),
      });
    }
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
      ...(action.via ? { via: action.via } : {}),
      ...(action.im
        ? {
            im: {
              format: action.im.format ?? 'markdown',
              buttons: (action.im.buttons ?? []).map((b) => ({
                title: renderTemplate(b.title, scope),
                url: renderText(b.url, scope),
              })),
              mentionUserIds: (action.im.mentionUserIds ?? []).map((t) => renderText(t, scope).trim()),
              mentionAll: action.im.mentionAll ?? false,
            },
          }
        : {}),
      ...(action.sms
        ? {
            sms: {
              ...(action.sms.templateCode ? { templateCode: action.sms.templateCode } : {}),
              ...(action.sms.params
                ? {
                    params: Object.fromEntries(
                      Object.entries(action.sms.params).map(([k, v]) => [k, renderText(v, scope)]),
                    ),
                  }
                : {}),
            },
          }
        : {}),
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

/** Actions that write records: the node goes on with the record as stored afterwards. */
const WRITES: ReadonlySet<Action['type']> = new Set(['update_record', 'create_record']);

/** The system does an action (update fields, create a record by mapping, notify, webhook). */
export const serviceNode: NodeBehavior<NodeOfType<'service'>> = {
  type: 'service',
  version: 1,
  validateConfig(node) {
    const issues: ConfigIssue[] = [];
    if (node.action.type === 'create_todo')
      issues.push({ path: 'action.type', message: 'create_todo is a rule action; use a user_task node' });
    if (node.action.type === 'create_record' && node.action.forEach?.where !== undefined) {
      try {
        compile(node.action.forEach.where);
      } catch (error) {
        issues.push({ path: 'action.forEach.where', message: (error as Error).message });
      }
    }
    return issues;
  },
  enter({ draft, node, token }): NodeOutcome {
    const run = RUN[node.action.type] as (d: StepDraft, id: string, a: Action) => void;
    try {
      run(draft, node.id, node.action);
    } catch (error) {
      failInstance(draft, 'service_failed', (error as Error).message, node.id);
      return { kind: 'stop' };
    }
    if (draft.state.status !== 'running') return { kind: 'stop' };
    log(draft, { kind: 'service-done', nodeId: node.id, detail: { action: node.action.type } });
    // A write (also to another form: a rollup of this record may follow it) is read back first.
    return WRITES.has(node.action.type) ? awaitStoredRecord(draft, token) : { kind: 'next' };
  },
  resume(_context, signal): NodeOutcome {
    return signal.type === 'record-reloaded' ? { kind: 'next' } : { kind: 'wait', waitsFor: 'record' };
  },
};
