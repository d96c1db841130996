import type { FlowDefinition, FlowNode, SchemaError } from '@tessera/schema';

/** The BPMN element type a node is written as (see bpmn.export.ts). */
const BPMN_TYPE: Record<FlowNode['type'], string> = {
  start: 'StartEvent',
  end: 'EndEvent',
  approval: 'UserTask',
  user_task: 'UserTask',
  service: 'ServiceTask',
  subflow: 'CallActivity',
  exclusive_gateway: 'ExclusiveGateway',
  parallel_gateway: 'ParallelGateway',
  timer: 'IntermediateCatchEvent',
  wait: 'IntermediateCatchEvent',
};

const text = (label: unknown) => {
  const l = label as Record<string, string> | undefined;
  return l ? (l.en ?? Object.values(l)[0]) : undefined;
};

/** "UserTask 'Approve' (Activity_1)": how a message names an element of the diagram. */
export function elementTitle(type: string, id: string, name: string | undefined): string {
  return name ? `${type} '${name}' (${id})` : `${type} ${id}`;
}

/**
 * A flow's errors as a modeler's user reads them: the path of each is the BPMN id of the element
 * it is about (empty for the whole diagram), the message starts with the element's type, name and
 * id, and flow ids that were mapped from the diagram's are given back as the diagram wrote them.
 */
export function bpmnProblems(definition: FlowDefinition, errors: readonly SchemaError[]): SchemaError[] {
  const mapped = new Map<string, string>();
  for (const item of [...definition.nodes, ...definition.edges])
    if (item.bpmnId && item.id) mapped.set(item.id, item.bpmnId);
  const speak = (message: string) =>
    message.replace(/(["'])([A-Za-z0-9_-]+)\1/g, (all, quote: string, id: string) =>
      mapped.has(id) ? `${quote}${mapped.get(id)}${quote}` : all,
    );
  return errors.map((error) => {
    const m = /^\/(nodes|edges)\/(\d+)(?:\/|$)/.exec(error.path);
    const where = m ? definition[m[1] as 'nodes' | 'edges'][Number(m[2])] : undefined;
    if (!where) {
      const field = error.path.replace(/^\//, '').replaceAll('/', '.');
      return { path: '', message: speak(field ? `the flow's ${field}: ${error.message}` : error.message) };
    }
    const nodeType = 'type' in where ? BPMN_TYPE[where.type] : 'SequenceFlow';
    const id = where.bpmnId ?? where.id ?? ('from' in where ? `${where.from}→${where.to}` : '');
    const setting = error.path.slice(m![0].length).replaceAll('/', '.');
    const title = elementTitle(nodeType, id, text(where.label));
    return { path: id, message: speak(`${title}${setting ? ` ${setting}` : ''}: ${error.message}`) };
  });
}
