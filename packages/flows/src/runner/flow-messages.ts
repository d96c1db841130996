import type { FlowGraph } from '../core/flow-graph';
import { nodeName } from '../core/node-name';

/** A text in several languages (`{ "zh-CN": …, en: … }`). */
export type LocalText = Readonly<Record<string, string>>;

/** How people name a record, per language: its form, title and what it is about (`报价单 QT-2026-0012 · 华东精密`). */
export type RecordName = LocalText;

export interface MessageText {
  readonly subject: LocalText;
  readonly body: LocalText;
}

/** The flow's title and a node's name (its label, else its type's name), per language. */
function names(graph: FlowGraph, nodeId: string | null) {
  const flow = graph.definition.title as LocalText;
  const node = nodeId ? nodeName(graph.definition, nodeId) : undefined;
  return {
    flow: (lang: string) => flow[lang] ?? flow['zh-CN'] ?? flow.en ?? graph.definition.key,
    node: (lang: string) => node?.[lang] ?? node?.['zh-CN'] ?? node?.en ?? '',
  };
}

/**
 * A message's subject names the record when the record gateway can (`待审批：报价单 QT-2026-0012 ·
 * 华东精密`), else the flow; the body then starts with the flow's name.
 */
function text(
  graph: FlowGraph,
  nodeId: string | null,
  en: [string, string],
  zh: [string, string],
  record: RecordName | null,
  extra = '',
): MessageText {
  const n = names(graph, nodeId);
  const fill = (t: string, lang: string) =>
    t.replaceAll('{flow}', n.flow(lang)).replaceAll('{node}', n.node(lang));
  const subject = (t: string, lang: string) =>
    record
      ? t.replaceAll('{flow}', record[lang] ?? record['zh-CN'] ?? record.en ?? n.flow(lang))
      : fill(t, lang);
  const body = (t: string, lang: string) => (record ? `${n.flow(lang)} · ${fill(t, lang)}` : fill(t, lang));
  return {
    subject: { en: subject(en[0], 'en'), 'zh-CN': subject(zh[0], 'zh-CN') },
    // `extra` (an approver's comment) goes in the body only.
    body: { en: body(en[1], 'en') + extra, 'zh-CN': body(zh[1], 'zh-CN') + extra },
  };
}

/** A task opened for someone: approve (审批), do (办理), or resubmit a returned request. */
export function taskMessage(
  graph: FlowGraph,
  nodeId: string,
  kind: string,
  record: RecordName | null = null,
): MessageText {
  if (kind === 'resubmit')
    return text(
      graph,
      nodeId,
      ['Returned to you: {flow}', 'Your request was returned to you: edit it and resubmit, or withdraw it.'],
      ['已退回：{flow}', '您的申请已被退回，请修改后重新提交，或撤回申请。'],
      record,
    );
  if (kind === 'user_task')
    return text(
      graph,
      nodeId,
      ['To do: {flow}', '{node}: a task is waiting for you.'],
      ['待办：{flow}', '{node}：有一项任务等待您处理。'],
      record,
    );
  return text(
    graph,
    nodeId,
    ['Approval needed: {flow}', '{node}: a request is waiting for your decision.'],
    ['待审批：{flow}', '{node}：有一项申请等待您审批。'],
    record,
  );
}

/** Reminders: the initiator's 催办, or a task past its due time. */
export function reminderMessage(
  graph: FlowGraph,
  nodeId: string,
  reason: 'remind' | 'due',
  record: RecordName | null = null,
): MessageText {
  return reason === 'remind'
    ? text(
        graph,
        nodeId,
        ['Reminder: {flow}', '{node}: the initiator asks you to decide on this request.'],
        ['催办：{flow}', '{node}：发起人催促您尽快处理此申请。'],
        record,
      )
    : text(
        graph,
        nodeId,
        ['Overdue: {flow}', '{node}: a task waiting for you is past its due time.'],
        ['已超时：{flow}', '{node}：您的待办任务已超过处理时限。'],
        record,
      );
}

/** Someone was copied (抄送). */
export function ccMessage(graph: FlowGraph, nodeId: string, record: RecordName | null = null): MessageText {
  return text(
    graph,
    nodeId,
    ['For your information: {flow}', '{node}: this request was copied to you.'],
    ['抄送：{flow}', '{node}：此申请已抄送给您。'],
    record,
  );
}

/** The initiator withdrew (撤回) a request someone still had to act on. */
export function withdrawnMessage(graph: FlowGraph, record: RecordName | null = null): MessageText {
  return text(
    graph,
    null,
    ['Withdrawn: {flow}', 'The initiator withdrew this request; nothing is left for you to do.'],
    ['已撤回：{flow}', '发起人已撤回此申请，您无需再处理。'],
    record,
  );
}

/** The end nodes' outcomes other than approved/rejected, as people read them. */
const OUTCOMES: Readonly<Record<string, LocalText>> = {
  completed: { en: 'completed', 'zh-CN': '已办结' },
  cancelled: { en: 'cancelled', 'zh-CN': '已取消' },
  withdrawn: { en: 'withdrawn', 'zh-CN': '已撤回' },
};

/** How the initiator's request ended. */
export function outcomeMessage(
  graph: FlowGraph,
  status: string,
  outcome: string,
  comment: string | null,
  record: RecordName | null = null,
): MessageText {
  const note = comment ? `\n\n${comment}` : '';
  if (status === 'failed')
    return text(
      graph,
      null,
      ['Stopped: {flow}', 'Your request stopped because of an error; an administrator can see why.'],
      ['已中止：{flow}', '您的申请因错误已中止，管理员可查看原因。'],
      record,
    );
  if (outcome === 'rejected')
    return text(
      graph,
      null,
      ['Rejected: {flow}', 'Your request was rejected.'],
      ['已驳回：{flow}', '您的申请已被驳回。'],
      record,
      note,
    );
  if (outcome === 'approved')
    return text(
      graph,
      null,
      ['Approved: {flow}', 'Your request was approved.'],
      ['已通过：{flow}', '您的申请已审批通过。'],
      record,
      note,
    );
  const named = OUTCOMES[outcome];
  return text(
    graph,
    null,
    ['Finished: {flow}', named ? `Your request is finished (${named.en}).` : 'Your request is finished.'],
    ['已完成：{flow}', named ? `您的申请已完成（${named['zh-CN']}）。` : '您的申请已完成。'],
    record,
  );
}
