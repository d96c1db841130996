import type { ModdleElement } from './moddle-types';

export interface UnsupportedElement {
  readonly id: string;
  /** The element's name in the diagram, when it has one. */
  readonly name?: string;
  readonly type: string;
  readonly reason: string;
}

/** The element types a flow is made of (tasks without a type become user tasks). */
const PLAIN = new Set([
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:UserTask',
  'bpmn:Task',
  'bpmn:ManualTask',
  'bpmn:ServiceTask',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:IntermediateCatchEvent',
  'bpmn:SequenceFlow',
]);

/** Elements that say something about data, not about the flow: left out, with a warning. */
export const IGNORED = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

export const bpmnType = (element: ModdleElement) => element.$type.replace(/^bpmn:/, '');

function check(element: ModdleElement): string | null {
  if (!PLAIN.has(element.$type)) return 'this element type is not run by Tessera';
  const definitions = (element.eventDefinitions ?? []) as ModdleElement[];
  switch (element.$type) {
    case 'bpmn:StartEvent':
      return definitions.length > 0 ? `${bpmnType(definitions[0]!)} events are not supported` : null;
    case 'bpmn:EndEvent': {
      // a terminate end ends the whole instance (end node `terminate`)
      const other = definitions.find((d) => d.$type !== 'bpmn:TerminateEventDefinition');
      return other ? `${bpmnType(other)} events are not supported (terminate is)` : null;
    }
    case 'bpmn:IntermediateCatchEvent': {
      const [only, ...more] = definitions;
      if (!only || more.length > 0) return 'a catch event needs exactly one timer or conditional definition';
      if (only.$type === 'bpmn:ConditionalEventDefinition') return null;
      if (only.$type !== 'bpmn:TimerEventDefinition') return `${bpmnType(only)} is not supported`;
      return only.timeCycle ? 'repeating timers (timeCycle) are not supported' : null;
    }
    case 'bpmn:UserTask':
    case 'bpmn:Task':
    case 'bpmn:ManualTask':
    case 'bpmn:ServiceTask': {
      const loop = element.loopCharacteristics as ModdleElement | undefined;
      if (loop && loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics')
        return 'only multi-instance markers are supported (not loops)';
      if (loop && element.$type === 'bpmn:ServiceTask')
        return 'multi-instance service tasks are not supported';
      return null;
    }
    default:
      return null;
  }
}

/** Every element of a process outside the subset Tessera runs, with why — all of them at once. */
export function unsupportedElements(process: ModdleElement): UnsupportedElement[] {
  const out: UnsupportedElement[] = [];
  const add = (element: ModdleElement, reason: string) =>
    out.push({
      id: element.id ?? '?',
      ...(element.name ? { name: element.name } : {}),
      type: bpmnType(element),
      reason,
    });
  for (const element of (process.flowElements ?? []) as ModdleElement[]) {
    if (IGNORED.has(element.$type)) continue;
    const reason = check(element);
    if (reason) add(element, reason);
  }
  for (const artifact of (process.artifacts ?? []) as ModdleElement[]) {
    if (!['bpmn:TextAnnotation', 'bpmn:Association', 'bpmn:Group'].includes(artifact.$type))
      add(artifact, 'artifact not supported');
  }
  return out;
}
