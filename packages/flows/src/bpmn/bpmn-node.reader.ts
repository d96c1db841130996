import type { Assignee } from '@tessera/schema';
import {
  asGroup,
  assignmentOf,
  mapAssignment,
  readAssignment,
  sameAssignment,
} from './bpmn-assignees.reader';
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

/**
 * Who does a task: the diagram's own assignment (Camunda 7 attributes or Zeebe's
 * assignmentDefinition) when a modeler set or changed it, else the assignees Tessera kept, else
 * the role / department / user its lane is named after, else the initiator — with a warning for
 * every name that matches nobody of the app.
 */
function readAssignees(
  element: ModdleElement,
  kept: unknown,
  ctx: ReadContext,
  plain: boolean,
): readonly Assignee[] {
  const keptAssignees = Array.isArray(kept) && kept.length > 0 ? (kept as Assignee[]) : undefined;
  const own = readAssignment(element, ctx.people);
  const unmapped: string[] = [];
  let assignees: readonly Assignee[] | undefined = keptAssignees;
  if (own && !(keptAssignees && sameAssignment(own, assignmentOf(keptAssignees)))) {
    const mapped = mapAssignment(own, ctx.people);
    unmapped.push(...mapped.unmapped);
    assignees = mapped.assignees.length > 0 ? mapped.assignees : undefined;
  }
  const lane = ctx.people.lanes.get(element.id ?? '');
  if (!assignees && lane) {
    const performer = asGroup(lane, ctx.people);
    if (performer) assignees = [performer];
    else unmapped.push(`the lane '${lane}'`);
  }
  const nobody = `${unmapped.length > 1 ? 'match' : 'matches'} no role, department, user or user field of the app`;
  const head = `${titleOf(element)}${plain ? ' has no task type: imported as a user task' : ''}`;
  const said = unmapped.length > 0 ? `${plain ? '; ' : ': '}${unmapped.join(', ')} ${nobody}` : '';
  if (assignees && (plain || unmapped.length > 0))
    ctx.warnings.push({ element: element.id, message: `${head}${said}${said ? ': left out' : ''}` });
  if (assignees) return assignees;
  ctx.warnings.push({
    element: element.id,
    message: `${head}${said}${plain || said ? '; it' : ''} goes to the initiator until its assignees are set in the designer`,
  });
  return [{ kind: 'initiator' }];
}

/** A user task, an approval, or a plain / manual task read as a user task. */
function taskNode(element: ModdleElement, node: Record<string, unknown>, ctx: ReadContext) {
  const config = configOf(element);
  const plain = element.$type !== 'bpmn:UserTask';
  node.type = plain ? 'user_task' : ((config?.nodeType as string | undefined) ?? 'approval');
  delete node.nodeType;
  node.assignees = readAssignees(element, node.assignees, ctx, plain);
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

/** A terminate end event ends the whole instance; the diagram says which, not the kept settings. */
function endNode(element: ModdleElement, node: Record<string, unknown>) {
  delete node.terminate;
  const definitions = (element.eventDefinitions ?? []) as ModdleElement[];
  if (definitions.some((d) => d.$type === 'bpmn:TerminateEventDefinition')) node.terminate = true;
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
  if (simple) {
    node.type = simple;
    if (simple === 'end') endNode(element, node);
  } else if (element.$type === 'bpmn:IntermediateCatchEvent') catchNode(element, node, ctx);
  else taskNode(element, node, ctx);
  return node;
}
