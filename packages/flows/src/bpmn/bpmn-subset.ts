import type { ModdleElement } from './moddle-types';

export interface UnsupportedElement {
  readonly id: string;
  readonly type: string;
  readonly reason: string;
}

const PLAIN = new Set([
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:UserTask',
  'bpmn:ServiceTask',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:IntermediateCatchEvent',
  'bpmn:SequenceFlow',
]);

function check(element: ModdleElement): string | null {
  if (!PLAIN.has(element.$type)) return 'this element type is not run by Tessera';
  const definitions = (element.eventDefinitions ?? []) as ModdleElement[];
  switch (element.$type) {
    case 'bpmn:StartEvent':
    case 'bpmn:EndEvent':
      return definitions.length > 0 ? `${definitions[0]!.$type} events are not supported` : null;
    case 'bpmn:IntermediateCatchEvent': {
      const [only, ...more] = definitions;
      if (!only || more.length > 0) return 'a catch event needs exactly one timer or conditional definition';
      if (only.$type === 'bpmn:ConditionalEventDefinition') return null;
      if (only.$type !== 'bpmn:TimerEventDefinition') return `${only.$type} is not supported`;
      return only.timeCycle ? 'repeating timers (timeCycle) are not supported' : null;
    }
    case 'bpmn:UserTask':
    case 'bpmn:ServiceTask': {
      const loop = element.loopCharacteristics as ModdleElement | undefined;
      if (loop && loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics')
        return 'only multi-instance markers are supported';
      if (loop && element.$type === 'bpmn:ServiceTask')
        return 'multi-instance service tasks are not supported';
      return null;
    }
    default:
      return null;
  }
}

/** Every element of a process outside the subset Tessera runs, with why. */
export function unsupportedElements(process: ModdleElement): UnsupportedElement[] {
  const out: UnsupportedElement[] = [];
  for (const element of (process.flowElements ?? []) as ModdleElement[]) {
    const reason = check(element);
    if (reason) out.push({ id: element.id ?? '?', type: element.$type.replace(/^bpmn:/, ''), reason });
  }
  for (const artifact of (process.artifacts ?? []) as ModdleElement[]) {
    if (artifact.$type !== 'bpmn:TextAnnotation' && artifact.$type !== 'bpmn:Association')
      out.push({
        id: artifact.id ?? '?',
        type: artifact.$type.replace(/^bpmn:/, ''),
        reason: 'artifact not supported',
      });
  }
  return out;
}
