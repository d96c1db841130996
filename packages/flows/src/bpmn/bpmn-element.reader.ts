import type { SchemaError } from '@tessera/schema';
import type { PeopleContext } from './bpmn-assignees.reader';
import { translateCondition } from './bpmn-condition.translator';
import type { DiagramLayout } from './bpmn-diagram.reader';
import { elementTitle } from './bpmn-problems';
import { bpmnType } from './bpmn-subset';
import type { ModdleElement } from './moddle-types';
import { configOf } from './tessera-moddle';

export interface BpmnWarning {
  /** The BPMN id of the element it is about (none: the whole diagram). */
  readonly element?: string;
  readonly message: string;
}

/** What reading one element needs and where it reports. */
export interface ReadContext {
  readonly ids: ReadonlyMap<string, string>;
  readonly layout: DiagramLayout;
  readonly people: PeopleContext;
  readonly errors: SchemaError[];
  readonly warnings: BpmnWarning[];
}

type Label = Record<string, string>;

export const titleOf = (element: ModdleElement) =>
  elementTitle(bpmnType(element), element.id ?? '?', element.name || undefined);

/**
 * The label of an element, the diagram's name winning over the one kept in Tessera's settings:
 * a name edited in a modeler replaces the language the export wrote (English, else the first);
 * the other translations are kept, with a warning to check them. A name removed removes the label.
 */
export function diagramLabel(
  kept: unknown,
  name: string | undefined,
  where: { element?: string; title: string },
  warnings: BpmnWarning[],
): Label | undefined {
  const label = kept && typeof kept === 'object' ? (kept as Label) : undefined;
  const written = label ? (label.en ?? Object.values(label)[0]) : undefined;
  const diagram = name?.trim() || undefined;
  if (diagram === written) return label;
  if (!diagram) return undefined;
  if (!label) return { en: diagram };
  const language = 'en' in label ? 'en' : Object.keys(label)[0]!;
  const others = Object.keys(label).filter((l) => l !== language);
  if (others.length > 0)
    warnings.push({
      ...(where.element ? { element: where.element } : {}),
      message: `${where.title} was renamed in the diagram to '${diagram}'; check its ${others.join(', ')} name ('${label[others[0]!]}')`,
    });
  return { ...label, [language]: diagram };
}

/** A condition expression as JSON-Logic, or an error naming the element and the expression. */
export function readCondition(
  expression: ModdleElement | undefined,
  element: ModdleElement,
  ctx: ReadContext,
): unknown {
  const body = String(expression?.body ?? '').trim();
  if (!body) return undefined;
  const translated = translateCondition(body, expression?.language);
  if (!translated.ok) {
    ctx.errors.push({ path: element.id ?? '', message: `${titleOf(element)}: ${translated.message}` });
    return undefined;
  }
  if (translated.language)
    ctx.warnings.push({
      element: element.id,
      message: `${titleOf(element)}: the ${translated.language} condition ${body} was translated to JSON-Logic ${JSON.stringify(translated.logic)}`,
    });
  return translated.logic;
}

/** id (and the diagram's own id when it had to be mapped), label and position of a node or edge. */
export function identity(element: ModdleElement, ctx: ReadContext, keptLabel: unknown) {
  const id = ctx.ids.get(element.id ?? '') ?? element.id;
  const label = diagramLabel(
    keptLabel,
    element.name,
    { element: element.id, title: titleOf(element) },
    ctx.warnings,
  );
  return {
    id,
    ...(id !== element.id ? { bpmnId: element.id } : {}),
    ...(label ? { label } : {}),
  };
}

/** Tessera's settings of an element without what the diagram itself says (id, name, layout). */
export function keptSettings(element: ModdleElement): Record<string, unknown> {
  const { label: _label, position: _position, bpmnId: _bpmnId, ...rest } = configOf(element) ?? {};
  return rest;
}
