/** bpmn-moddle ships no types for its main entry: the little of it this package uses. */
export interface ModdleElement {
  readonly $type: string;
  id?: string;
  name?: string;
  [property: string]: any;
}

export interface BpmnModdle {
  create(type: string, properties?: Record<string, unknown>): ModdleElement;
  fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: { message: string }[] }>;
  toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
}
