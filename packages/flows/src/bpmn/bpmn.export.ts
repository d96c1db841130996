import type { FlowDefinition, FlowNode } from '@tessera/schema';
import { assignmentOf, CAMUNDA_NS } from './bpmn-assignees.reader';
import { layoutFlow } from './bpmn-layout';
import type { BpmnModdle, ModdleElement } from './moddle-types';
import { configElement, createModdle, JSON_LOGIC_LANGUAGE } from './tessera-moddle';

const SIZE: Record<string, { w: number; h: number }> = {
  event: { w: 36, h: 36 },
  gateway: { w: 50, h: 50 },
  task: { w: 100, h: 80 },
};

/** An expression-language value as BPMN engines write it: `${…}`. */
const el = (body: string) => `$` + `{${body}}`;

const labelText = (label: unknown) => {
  const l = label as Record<string, string> | undefined;
  return l ? (l.en ?? Object.values(l)[0]) : undefined;
};

/** What BPMN says itself is left out of the Tessera config; the rest (assignees, actions…) stays in it. */
function split(node: FlowNode): { config: Record<string, unknown>; shape: keyof typeof SIZE } {
  // id, position and bpmnId are the diagram's own (the element id, its shape)
  const { id: _id, type, position: _p, bpmnId: _b, ...rest } = node as FlowNode & Record<string, unknown>;
  const config: Record<string, unknown> = { ...rest };
  switch (type) {
    case 'approval':
    case 'user_task':
      delete config.mode;
      config.nodeType = type;
      return { config, shape: 'task' };
    case 'timer':
      delete config.duration;
      delete config.until;
      return { config, shape: 'event' };
    case 'wait':
      delete config.condition;
      return { config, shape: 'event' };
    case 'service':
    case 'subflow':
      return { config, shape: 'task' };
    case 'exclusive_gateway':
    case 'parallel_gateway':
      return { config, shape: 'gateway' };
    case 'end':
      delete config.terminate;
      return { config, shape: 'event' };
    case 'start':
      return { config, shape: 'event' };
    default: {
      const never: never = type;
      throw new Error(`unknown node type ${String(never)}`);
    }
  }
}

function expression(moddle: BpmnModdle, body: string, language?: string): ModdleElement {
  return moddle.create('bpmn:FormalExpression', { body, ...(language ? { language } : {}) });
}

function multiInstance(moddle: BpmnModdle, node: Extract<FlowNode, { type: 'approval' | 'user_task' }>) {
  switch (node.mode) {
    case undefined:
      return undefined;
    case 'sequential':
      return moddle.create('bpmn:MultiInstanceLoopCharacteristics', { isSequential: true });
    case 'all':
      return moddle.create('bpmn:MultiInstanceLoopCharacteristics', { isSequential: false });
    case 'any':
      return moddle.create('bpmn:MultiInstanceLoopCharacteristics', {
        isSequential: false,
        completionCondition: expression(moddle, el('nrOfCompletedInstances >= 1')),
      });
    case 'vote':
      return moddle.create('bpmn:MultiInstanceLoopCharacteristics', {
        isSequential: false,
        completionCondition: expression(
          moddle,
          el(`nrOfCompletedInstances / nrOfInstances >= ${node.passRatio ?? 0.5}`),
        ),
      });
    default: {
      const never: never = node.mode;
      throw new Error(`unknown mode ${String(never)}`);
    }
  }
}

function element(moddle: BpmnModdle, node: FlowNode): ModdleElement {
  const { config } = split(node);
  const base = {
    id: node.bpmnId ?? node.id,
    name: labelText(node.label),
    extensionElements: configElement(moddle, config),
  };
  switch (node.type) {
    case 'start':
      return moddle.create('bpmn:StartEvent', base);
    case 'end':
      return moddle.create('bpmn:EndEvent', {
        ...base,
        ...(node.terminate ? { eventDefinitions: [moddle.create('bpmn:TerminateEventDefinition')] } : {}),
      });
    case 'approval':
    case 'user_task':
      return withCamundaAssignment(
        moddle.create('bpmn:UserTask', { ...base, loopCharacteristics: multiInstance(moddle, node) }),
        node.assignees,
      );
    case 'service':
      return moddle.create('bpmn:ServiceTask', base);
    case 'subflow':
      return moddle.create('bpmn:CallActivity', { ...base, calledElement: node.flow });
    case 'exclusive_gateway':
      return moddle.create('bpmn:ExclusiveGateway', base);
    case 'parallel_gateway':
      return moddle.create('bpmn:ParallelGateway', base);
    case 'timer': {
      const definition = node.duration
        ? { timeDuration: expression(moddle, node.duration) }
        : { timeDate: expression(moddle, el(node.until ?? '')) };
      return moddle.create('bpmn:IntermediateCatchEvent', {
        ...base,
        eventDefinitions: [moddle.create('bpmn:TimerEventDefinition', definition)],
      });
    }
    case 'wait':
      return moddle.create('bpmn:IntermediateCatchEvent', {
        ...base,
        eventDefinitions: [
          moddle.create('bpmn:ConditionalEventDefinition', {
            condition: expression(moddle, JSON.stringify(node.condition), JSON_LOGIC_LANGUAGE),
          }),
        ],
      });
    default: {
      const never: never = node;
      throw new Error(`unknown node ${JSON.stringify(never)}`);
    }
  }
}

/** Who does the task, as Camunda Modeler shows it (the import keeps the richer Tessera copy). */
function withCamundaAssignment(task: ModdleElement, assignees: Parameters<typeof assignmentOf>[0]) {
  const { assignee, candidateUsers, candidateGroups } = assignmentOf(assignees);
  Object.assign(task.$attrs, {
    ...(assignee ? { 'camunda:assignee': assignee } : {}),
    ...(candidateUsers.length > 0 ? { 'camunda:candidateUsers': candidateUsers.join(',') } : {}),
    ...(candidateGroups.length > 0 ? { 'camunda:candidateGroups': candidateGroups.join(',') } : {}),
  });
  return task;
}

/**
 * A flow as BPMN 2.0 XML: the standard elements a modeler draws (events, tasks with
 * multi-instance markers, gateways, timer and conditional catch events, sequence flows with
 * JSON-Logic conditions, terminate end events, a diagram), who does each task as Camunda 7
 * attributes, plus Tessera's own settings in `extensionElements`.
 */
export async function exportBpmn(definition: FlowDefinition): Promise<string> {
  const moddle = createModdle();
  const elements = new Map<string, ModdleElement>();
  for (const node of definition.nodes) elements.set(node.id, element(moddle, node));
  const flows = definition.edges.map((edge, index) => {
    // an edge's id, waypoints and bpmnId are the diagram's own, its condition is the flow's
    const config: Record<string, unknown> = {};
    if (edge.label) config.label = edge.label;
    if (!edge.id) config.generatedId = true;
    const flow = moddle.create('bpmn:SequenceFlow', {
      id: edge.bpmnId ?? edge.id ?? `Flow_${index + 1}`,
      name: labelText(edge.label),
      sourceRef: elements.get(edge.from),
      targetRef: elements.get(edge.to),
      extensionElements: configElement(moddle, config),
      ...(edge.condition
        ? { conditionExpression: expression(moddle, JSON.stringify(edge.condition), JSON_LOGIC_LANGUAGE) }
        : {}),
    });
    if (edge.default) elements.get(edge.from)!.default = flow;
    return { edge, flow };
  });
  const { key: _key, nodes: _n, edges: _e, ...processConfig } = definition;
  const process = moddle.create('bpmn:Process', {
    id: definition.key,
    name: labelText(definition.title),
    isExecutable: true,
    extensionElements: configElement(moddle, processConfig),
    flowElements: [...elements.values(), ...flows.map((f) => f.flow)],
  });
  const plane = moddle.create('bpmndi:BPMNPlane', { id: `${definition.key}_plane`, bpmnElement: process });
  const sizeOf = (nodeId: string) => {
    const node = definition.nodes.find((n) => n.id === nodeId);
    return SIZE[node ? split(node).shape : 'task']!;
  };
  const layout = await layoutFlow(definition, sizeOf);
  plane.planeElement = definition.nodes.map((node) => {
    const size = sizeOf(node.id);
    const at = layout.nodes.get(node.id) ?? { x: 0, y: 0 };
    return moddle.create('bpmndi:BPMNShape', {
      id: `${node.bpmnId ?? node.id}_di`,
      bpmnElement: elements.get(node.id),
      bounds: moddle.create('dc:Bounds', { x: at.x, y: at.y, width: size.w, height: size.h }),
    });
  });
  flows.forEach(({ flow }, index) => {
    plane.planeElement.push(
      moddle.create('bpmndi:BPMNEdge', {
        id: `${flow.id}_di`,
        bpmnElement: flow,
        waypoint: (layout.edges.get(index) ?? []).map((p) => moddle.create('dc:Point', { x: p.x, y: p.y })),
      }),
    );
  });
  const definitions = moddle.create('bpmn:Definitions', {
    id: `${definition.key}_definitions`,
    targetNamespace: 'https://tessera.dev/flows',
    exporter: 'Tessera',
    rootElements: [process],
    diagrams: [moddle.create('bpmndi:BPMNDiagram', { id: `${definition.key}_diagram`, plane })],
  });
  definitions.$attrs['xmlns:camunda'] = CAMUNDA_NS;
  const { xml } = await moddle.toXML(definitions, { format: true });
  return xml;
}
