import type { FlowDefinition, SchemaError } from '@tessera/schema';
import { validateFlowDefinition } from '../definitions/flow-definition.validator';
import { type BpmnDirectory, peopleContext } from './bpmn-assignees.reader';
import { readDiagramLayout } from './bpmn-diagram.reader';
import {
  type BpmnWarning,
  diagramLabel,
  identity,
  type ReadContext,
  readCondition,
  titleOf,
} from './bpmn-element.reader';
import { flowIds } from './bpmn-ids';
import { readNode } from './bpmn-node.reader';
import { bpmnProblems, elementTitle } from './bpmn-problems';
import { pickProcess } from './bpmn-process.picker';
import { bpmnType, IGNORED, type UnsupportedElement, unsupportedElements } from './bpmn-subset';
import type { ModdleElement } from './moddle-types';
import { configOf, createModdle } from './tessera-moddle';

export type { BpmnDirectory } from './bpmn-assignees.reader';
export type { BpmnWarning } from './bpmn-element.reader';

export type BpmnImportResult =
  | { readonly ok: true; readonly definition: FlowDefinition; readonly warnings: readonly BpmnWarning[] }
  | {
      readonly ok: false;
      /** Every problem at once; each path is the BPMN id of its element ('' for the diagram). */
      readonly errors: readonly SchemaError[];
      /** Every element outside the subset, with id, name and type. */
      readonly unsupported: readonly UnsupportedElement[];
      readonly warnings: readonly BpmnWarning[];
    };

export interface BpmnImportOptions {
  /** The form the flow runs on, for diagrams drawn elsewhere (a Tessera export names it). */
  readonly form?: string;
  /** The flow key (default: the process id). */
  readonly key?: string;
  /** Which process of a collaboration with several pools: a process's or pool's id or name. */
  readonly process?: string;
  /**
   * The app's roles, departments, users and the form's user fields: Camunda assignees, candidate
   * users and groups and lane names map onto them (what matches nobody is a warning).
   */
  readonly directory?: BpmnDirectory;
}

/** The XML parser's complaints (an unknown element, an encoding it does not read…): reported, not refused. */
function parserWarnings(warnings: readonly { message: string }[]): BpmnWarning[] {
  return warnings.map((w) => ({ message: `the XML parser: ${w.message.split('\n')[0]}` }));
}

function readEdge(flow: ModdleElement, ctx: ReadContext): Record<string, unknown> {
  const config = configOf(flow) ?? {};
  const { id, ...rest } = identity(flow, ctx, config.label);
  const edge: Record<string, unknown> = config.generatedId ? {} : { id };
  if (!config.generatedId && rest.bpmnId) edge.bpmnId = rest.bpmnId;
  edge.from = ctx.ids.get(flow.sourceRef?.id) ?? flow.sourceRef?.id;
  edge.to = ctx.ids.get(flow.targetRef?.id) ?? flow.targetRef?.id;
  if (rest.label) edge.label = rest.label;
  const condition = readCondition(flow.conditionExpression, flow, ctx);
  if (condition !== undefined) edge.condition = condition;
  if (flow.sourceRef?.default === flow) edge.default = true;
  const waypoints = ctx.layout.edges.get(flow.id ?? '');
  if (waypoints) edge.waypoints = waypoints.map((p) => ({ x: p.x, y: p.y }));
  return edge;
}

/** What the import leaves out and says so: data objects, service tasks without an action. */
function leftOut(process: ModdleElement, ctx: ReadContext, unsupported: UnsupportedElement[]): void {
  for (const element of (process.flowElements ?? []) as ModdleElement[]) {
    if (IGNORED.has(element.$type))
      ctx.warnings.push({
        element: element.id,
        message: `${titleOf(element)} is data, not a step: left out`,
      });
    if (element.$type === 'bpmn:ServiceTask' && !configOf(element)?.action)
      unsupported.push({
        id: element.id ?? '?',
        ...(element.name ? { name: element.name } : {}),
        type: bpmnType(element),
        reason: 'a service task runs a Tessera action (tessera:config); its own implementation is not run',
      });
  }
}

const KEY = /^[a-z][a-z0-9_]{0,62}$/;
const slug = (text: string) =>
  text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');

/**
 * A flow key (lower snake case): the process id when it is one, else from the pool's or process's
 * name ("Purchase request" → purchase_request), else from the id (`Process_0x1` → process_0x1).
 */
function flowKeyOf(id: string, name: string | undefined): string {
  if (KEY.test(id)) return id;
  const key = [name && slug(name), slug(id)].find((k) => k && /[a-z]/.test(k)) ?? 'flow';
  return (/^[a-z]/.test(key) ? key : `flow_${key}`).slice(0, 63);
}

/**
 * Reads BPMN 2.0 XML into a flow: the subset of `exportBpmn`, and diagrams from other modelers
 * (Camunda, bpmn.io, Signavio, Visio…). The diagram's ids, names and layout are kept; plain
 * tasks become user tasks, user tasks approvals for the initiator until assignees are set,
 * multi-instance markers approval modes, simple JUEL / FEEL / XPath comparisons JSON-Logic. A
 * Camunda's assignees, candidate users / groups and lanes map onto the app's roles, departments
 * and users (options.directory), terminate end events end the whole instance. A
 * diagram is refused with every problem at once — each element outside the subset with its id,
 * name and type — in BPMN ids and names; what is read differently or left out is a warning.
 */
export async function importBpmn(xml: string, options: BpmnImportOptions = {}): Promise<BpmnImportResult> {
  const moddle = createModdle();
  let parsed: Awaited<ReturnType<typeof moddle.fromXML>>;
  try {
    parsed = await moddle.fromXML(xml);
  } catch (error) {
    const message = `not BPMN 2.0 XML: ${(error as Error).message.split('\n')[0]}`;
    return { ok: false, errors: [{ path: '', message }], unsupported: [], warnings: [] };
  }
  const warnings = parserWarnings(parsed.warnings);
  const refuse = (errors: SchemaError[], unsupported: UnsupportedElement[] = []): BpmnImportResult => ({
    ok: false,
    errors,
    unsupported,
    warnings,
  });
  const choice = pickProcess(parsed.rootElement, options.process);
  if (!choice.ok) return refuse([{ path: '', message: choice.message }]);
  if (choice.warning) warnings.push({ message: choice.warning });
  const messageFlows = ((parsed.rootElement.rootElements ?? []) as ModdleElement[])
    .filter((e) => e.$type === 'bpmn:Collaboration')
    .flatMap((c) => (c.messageFlows ?? []) as ModdleElement[]);
  if (messageFlows.length > 0)
    warnings.push({
      message: `message flows between pools are not imported (${messageFlows.map((m) => m.name || m.id).join(', ')})`,
    });
  const process = choice.process;
  const flowElements = ((process.flowElements ?? []) as ModdleElement[]).filter((e) => !IGNORED.has(e.$type));
  const ctx: ReadContext = {
    ids: flowIds(flowElements.map((e) => e.id ?? '')),
    layout: readDiagramLayout(parsed.rootElement),
    people: peopleContext(parsed.rootElement, process, options.directory),
    errors: [],
    warnings,
  };
  const unsupported = unsupportedElements(process);
  leftOut(process, ctx, unsupported);
  const outside = new Set(unsupported.map((u) => u.id));
  for (const u of unsupported)
    ctx.errors.push({
      path: u.id,
      message: `${elementTitle(u.type, u.id, u.name)} is outside the supported BPMN subset: ${u.reason}`,
    });

  const nodes = flowElements
    .filter((e) => e.$type !== 'bpmn:SequenceFlow' && !outside.has(e.id ?? ''))
    .map((e) => readNode(e, ctx));
  const edges = flowElements.filter((e) => e.$type === 'bpmn:SequenceFlow').map((f) => readEdge(f, ctx));
  const { title: keptTitle, ...processConfig } = configOf(process) ?? {};
  const title = diagramLabel(keptTitle, choice.name, { title: `the process ${process.id}` }, warnings) ?? {
    en: String(process.id),
  };
  const key =
    options.key ?? (processConfig.key as string | undefined) ?? flowKeyOf(String(process.id), choice.name);
  if (!options.key && key !== process.id)
    warnings.push({ message: `the flow's key is '${key}' (from the process id ${process.id})` });
  if (!options.form && !processConfig.form)
    ctx.errors.push({
      path: '',
      message:
        'the diagram does not say which form the flow runs on: choose one (the "form" option of the import)',
    });
  const definition = {
    ...processConfig,
    key,
    title,
    ...(options.form ? { form: options.form } : {}),
    nodes,
    edges,
  };
  if (ctx.errors.length > 0) return refuse(ctx.errors, unsupported);
  const checked = validateFlowDefinition(definition);
  if (!checked.ok) return refuse(bpmnProblems(definition as FlowDefinition, checked.errors));
  return { ok: true, definition: checked.value, warnings };
}
