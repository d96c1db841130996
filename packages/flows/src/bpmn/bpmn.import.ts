import type { FlowDefinition, SchemaError } from '@tessera/schema';
import { validateFlowDefinition } from '../definitions/flow-definition.validator';
import { type UnsupportedElement, unsupportedElements } from './bpmn-subset';
import type { ModdleElement } from './moddle-types';
import { configOf, createModdle, JSON_LOGIC_LANGUAGE } from './tessera-moddle';

export type BpmnImportResult =
  | { readonly ok: true; readonly definition: FlowDefinition }
  | {
      readonly ok: false;
      readonly errors: readonly SchemaError[];
      readonly unsupported: readonly UnsupportedElement[];
    };

export interface BpmnImportOptions {
  /** The form the flow runs on, for diagrams drawn elsewhere (a Tessera export names it). */
  readonly form?: string;
  /** The flow key (default: the process id). */
  readonly key?: string;
}

const refuse = (errors: SchemaError[], unsupported: UnsupportedElement[] = []): BpmnImportResult => ({
  ok: false,
  errors,
  unsupported,
});

function parseLogic(expression: ModdleElement | undefined, where: string, errors: SchemaError[]): unknown {
  const body = expression?.body?.trim();
  if (!body) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    const language = expression?.language ?? 'no language';
    errors.push({
      path: where,
      message: `the condition must be JSON-Logic (${JSON_LOGIC_LANGUAGE}); found ${language}: ${body}`,
    });
    return undefined;
  }
}

function modeOf(element: ModdleElement, errors: SchemaError[]): { mode?: string; passRatio?: number } {
  const loop = element.loopCharacteristics as ModdleElement | undefined;
  if (!loop) return {};
  if (loop.isSequential) return { mode: 'sequential' };
  const condition = String(loop.completionCondition?.body ?? '').replace(/\s+/g, '');
  if (condition === '') return { mode: 'all' };
  const ratio = /nrOfCompletedInstances\/nrOfInstances>=([0-9.]+)/.exec(condition);
  if (ratio) return { mode: 'vote', passRatio: Number(ratio[1]) };
  if (/nrOfCompletedInstances>=1\b/.test(condition)) return { mode: 'any' };
  errors.push({ path: element.id ?? '', message: `completion condition not understood: ${condition}` });
  return {};
}

function nodeOf(element: ModdleElement, errors: SchemaError[]): Record<string, unknown> {
  const config = configOf(element);
  const node: Record<string, unknown> = { id: element.id };
  const label = config?.label ?? (element.name ? { en: element.name } : undefined);
  const withConfig = (type: string) => Object.assign(node, { type }, config ?? {}, label ? { label } : {});
  switch (element.$type) {
    case 'bpmn:StartEvent':
      return withConfig('start');
    case 'bpmn:EndEvent':
      return withConfig('end');
    case 'bpmn:ExclusiveGateway':
      return withConfig('exclusive_gateway');
    case 'bpmn:ParallelGateway':
      return withConfig('parallel_gateway');
    case 'bpmn:ServiceTask':
      if (!config?.action)
        errors.push({
          path: element.id ?? '',
          message: 'a service task needs a Tessera action (tessera:config)',
        });
      return withConfig('service');
    case 'bpmn:UserTask': {
      const type = (config?.nodeType as string | undefined) ?? 'approval';
      withConfig(type);
      delete node.nodeType;
      if (!node.assignees) node.assignees = [{ kind: 'initiator' }];
      const { mode, passRatio } = modeOf(element, errors);
      if (mode) node.mode = mode;
      if (passRatio !== undefined && node.passRatio === undefined) node.passRatio = passRatio;
      return node;
    }
    case 'bpmn:IntermediateCatchEvent': {
      const definition = (element.eventDefinitions as ModdleElement[])[0]!;
      if (definition.$type === 'bpmn:ConditionalEventDefinition') {
        withConfig('wait');
        node.condition = parseLogic(definition.condition, element.id ?? '', errors);
        return node;
      }
      withConfig('timer');
      if (definition.timeDuration) node.duration = String(definition.timeDuration.body ?? '').trim();
      const date = /^\$\{([a-z][a-z0-9_.]*)\}$/.exec(String(definition.timeDate?.body ?? '').trim());
      if (date) node.until = date[1];
      else if (definition.timeDate)
        errors.push({
          path: element.id ?? '',
          message: 'a timer date must name a record field, written $' + '{delivery_date}',
        });
      return node;
    }
    default:
      errors.push({ path: element.id ?? '', message: `${element.$type} is not supported` });
      return node;
  }
}

/**
 * Reads BPMN 2.0 XML into a flow: the subset of `exportBpmn`, and diagrams from other modelers
 * (user tasks become approvals for the initiator until assignees are set; multi-instance markers
 * become approval modes). Anything outside the subset is refused with each element's id and type.
 */
export async function importBpmn(xml: string, options: BpmnImportOptions = {}): Promise<BpmnImportResult> {
  const moddle = createModdle();
  let parsed: Awaited<ReturnType<typeof moddle.fromXML>>;
  try {
    parsed = await moddle.fromXML(xml);
  } catch (error) {
    return refuse([{ path: '', message: `not BPMN 2.0 XML: ${(error as Error).message}` }]);
  }
  if (parsed.warnings.length > 0)
    return refuse(parsed.warnings.map((w) => ({ path: '', message: w.message })));
  const processes = ((parsed.rootElement.rootElements ?? []) as ModdleElement[]).filter(
    (e) => e.$type === 'bpmn:Process',
  );
  if (processes.length !== 1)
    return refuse([
      { path: '', message: `a diagram must hold exactly one process (found ${processes.length})` },
    ]);
  const process = processes[0]!;
  const flowElements = (process.flowElements ?? []) as ModdleElement[];
  const unsupported = unsupportedElements(process);
  if (unsupported.length > 0)
    return refuse(
      unsupported.map((u) => ({
        path: u.id,
        message: `${u.type} (${u.id}) is outside the supported BPMN subset: ${u.reason}`,
      })),
      unsupported,
    );

  const errors: SchemaError[] = [];
  const nodes = flowElements.filter((e) => e.$type !== 'bpmn:SequenceFlow').map((e) => nodeOf(e, errors));
  const edges = flowElements
    .filter((e) => e.$type === 'bpmn:SequenceFlow')
    .map((flow) => {
      const config = configOf(flow) ?? {};
      const edge: Record<string, unknown> = {};
      if (!config.generatedId) edge.id = flow.id;
      edge.from = flow.sourceRef?.id;
      edge.to = flow.targetRef?.id;
      const label = config.label ?? (flow.name ? { en: flow.name } : undefined);
      if (label) edge.label = label;
      const condition = parseLogic(flow.conditionExpression, flow.id ?? '', errors);
      if (condition !== undefined) edge.condition = condition;
      if (flow.sourceRef?.default === flow) edge.default = true;
      return edge;
    });
  const processConfig = configOf(process) ?? {};
  const definition = {
    key: options.key ?? process.id,
    title: processConfig.title ?? { en: process.name ?? process.id },
    ...processConfig,
    ...(options.form ? { form: options.form } : {}),
    nodes,
    edges,
  };
  if (errors.length > 0) return refuse(errors);
  const checked = validateFlowDefinition(definition);
  return checked.ok ? { ok: true, definition: checked.value } : refuse([...checked.errors]);
}
