// @ts-expect-error bpmn-moddle has no type declarations for its main entry (see moddle-types.ts)
import { BpmnModdle as UntypedModdle } from 'bpmn-moddle';
import type { BpmnModdle, ModdleElement } from './moddle-types';

/** The namespace of Tessera's settings kept inside BPMN `extensionElements`. */
export const TESSERA_BPMN_NS = 'https://tessera.dev/schema/bpmn/1';
/** The language of condition expressions that are JSON-Logic. */
export const JSON_LOGIC_LANGUAGE = 'application/json+logic';

const tesseraPackage = {
  name: 'Tessera',
  prefix: 'tessera',
  uri: TESSERA_BPMN_NS,
  xml: { tagAlias: 'lowerCase' },
  associations: [],
  types: [
    { name: 'Config', superClass: ['Element'], properties: [{ name: 'body', type: 'String', isBody: true }] },
  ],
};

export function createModdle(): BpmnModdle {
  return new UntypedModdle({ tessera: tesseraPackage }) as BpmnModdle;
}

/** `<bpmn:extensionElements><tessera:config>{json}</tessera:config></…>`, or undefined when empty. */
export function configElement(
  moddle: BpmnModdle,
  config: Record<string, unknown>,
): ModdleElement | undefined {
  if (Object.keys(config).length === 0) return undefined;
  return moddle.create('bpmn:ExtensionElements', {
    values: [moddle.create('tessera:Config', { body: JSON.stringify(config) })],
  });
}

/** The Tessera settings of an element, or null (a diagram from another modeler). */
export function configOf(element: ModdleElement): Record<string, unknown> | null {
  const values: ModdleElement[] = element.extensionElements?.values ?? [];
  const config = values.find((v) => v.$type === 'tessera:Config');
  if (!config?.body) return null;
  try {
    const parsed = JSON.parse(config.body) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
