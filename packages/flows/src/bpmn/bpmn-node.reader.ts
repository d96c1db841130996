import { identity, keptSettings, type ReadContext, readCondition, titleOf } from './bpmn-element.reader';
import type { ModdleElement } from './moddle-types';
import { configOf } from './tessera-moddle';

function modeOf(element: ModdleElement, ctx: ReadContext): { mode?: string; passRatio?: number } {
  const loop = element.loopCharacteristics as ModdleElement | undefined;
  if (!loop) return {};
  if (loop.isSequential) return { mode: 'sequential' };
  const condition = String(loop.completionCondition?.body ?? '').replace(/\s+/g, '');
  if (condition === '') return { mode: 'all' };
  const ratio = /nrOfCompletedInstances\/nrOfInstances>=([0-9.]+)/.exec(condition);
  if (ratio) return { mode: 'vote', passRatio: Number(ratio[1]) };
  if (/nrOfCompletedInstances>=1\b/.test(condition)) return { mode: 'any' };
  ctx.errors.push({
    path: element.id ?? '',
    message: `${titleOf(element)}: the completion condition ${condition} is not understood; Tessera reads none (all must approve), nrOfCompletedInstances >= 1 (any one) and nrOfCompletedInstances / nrOfInstances >= 0.6 (a vote)`,
  });
  return {};
}

/** A user task, an approval, or a plain / manual task read as a user task. */
function taskNode(element: ModdleElement, node: Record<string, unknown>, ctx: ReadContext) {
  const config = configOf(element);
  const plain = element.$type !== 'bpmn:UserTask';
  node.type = plain ? 'user_task' : ((config?.nodeType as string | undefined) ?? 'approval');
  delete node.nodeType;
  const unassigned = !node.assignees;
  if (unassigned) node.assignees = [{ kind: 'initiator' }];
  if (plain || unassigned)
    ctx.warnings.push({
      element: element.id,
      message: `${titleOf(element)}${plain ? ' has no task type: imported as a user task; it' : ''} goes to the initiator until its assignees are set in the designer`,
    });
  const { mode, passRatio } = modeOf(element, ctx);
  if (mode) node.mode = mode;
  if (passRatio !== undefined && node.passRatio === undefined) node.passRatio = passRatio;
}

function catchNode(element: ModdleElement, node: Record<string, unknown>, ctx: ReadContext) {
  const definition = (element.eventDefinitions as ModdleElement[])[0]!;
  if (definition.$type === 'bpmn:ConditionalEventDefinition') {
    node.type = 'wait';
    node.condition = readCondition(definition.condition, element, ctx);
    return;
  }
  node.type = 'timer';
  if (definition.timeDuration)
    node.duration = String(definition.timeDuration.body ?? '')
      .trim()
      .replace(/^=\s*/, '');
  const date = /^\$\{([a-z][a-z0-9_.]*)\}$/.exec(String(definition.timeDate?.body ?? '').trim());
  if (date) node.until = date[1];
  else if (definition.timeDate)
    ctx.errors.push({
      path: element.id ?? '',
      message: `${titleOf(element)}: a timer date must name a record field, written $` + '{delivery_date}',
    });
}

const SIMPLE: Record<string, string> = {
  'bpmn:StartEvent': 'start',
  'bpmn:EndEvent': 'end',
  'bpmn:ExclusiveGateway': 'exclusive_gateway',
  'bpmn:ParallelGateway': 'parallel_gateway',
  'bpmn:ServiceTask': 'service',
};

/**
 * A flow node from a supported element (see bpmn-subset.ts): Tessera's kept settings, then what
 * the diagram says — its name and position win.
 */
export function readNode(element: ModdleElement, ctx: ReadContext): Record<string, unknown> {
  const config = configOf(element);
  const node: Record<string, unknown> = {
    ...identity(element, ctx, config?.label),
    ...keptSettings(element),
  };
  const shape = ctx.layout.shapes.get(element.id ?? '');
  const position = shape ?? (config?.position as { x: number; y: number } | undefined);
  if (position) node.position = { x: position.x, y: position.y };
  const simple = SIMPLE[element.$type];
  if (simple) node.type = simple;
  else if (element.$type === 'bpmn:IntermediateCatchEvent') catchNode(element, node, ctx);
  else taskNode(element, node, ctx);
  return node;
}
