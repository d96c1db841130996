import type { FlowDefinition, FlowNode, FlowNodeType } from '@tessera/schema';

/** A text per language (`{ en, "zh-CN" }`). */
export type NodeName = Readonly<Record<string, string>>;

/** What a node without a label is called where people read it (messages, timelines). */
const TYPE_NAMES: Readonly<Record<FlowNodeType, NodeName>> = {
  start: { en: 'Submission', 'zh-CN': '发起' },
  end: { en: 'End', 'zh-CN': '结束' },
  approval: { en: 'Approval', 'zh-CN': '审批' },
  user_task: { en: 'Task', 'zh-CN': '办理' },
  service: { en: 'System step', 'zh-CN': '系统处理' },
  exclusive_gateway: { en: 'Decision', 'zh-CN': '条件分支' },
  parallel_gateway: { en: 'Parallel branches', 'zh-CN': '并行分支' },
  timer: { en: 'Waiting time', 'zh-CN': '定时等待' },
  wait: { en: 'Waiting for a condition', 'zh-CN': '等待条件' },
  subflow: { en: 'Sub-flow', 'zh-CN': '子流程' },
};

const UNKNOWN: NodeName = { en: 'Step', 'zh-CN': '步骤' };

/**
 * A node's name for people: its label, else what its type is called — never its id, which is
 * the pack author's internal key.
 */
export function nameOf(node: FlowNode): NodeName {
  return (node.label as NodeName | undefined) ?? TYPE_NAMES[node.type];
}

/** The name of a definition's node by id (a generic "Step" for an id it does not have). */
export function nodeName(definition: FlowDefinition, nodeId: string): NodeName {
  const node = definition.nodes.find((n) => n.id === nodeId);
  return node ? nameOf(node) : UNKNOWN;
}
