/** The forms the generator writes, in the order their links need (a link target first). */
export const DEMO_FORMS = [
  'product',
  'stock',
  'customer',
  'quote',
  'sales_order',
  'purchase_suggestion',
  'purchase_order',
  'shipment',
  'outbound_slip',
  'quality_check',
  'sales_return',
  'invoice',
  'receivable',
  'payment',
  'write_off',
  'service_ticket',
  'follow_up',
] as const;
export type DemoForm = (typeof DEMO_FORMS)[number];

/** A link to a record planned in the same plan, resolved to its id when written. */
export interface DemoRef {
  readonly $ref: DemoForm;
  readonly index: number;
}

/** One record to create: its business time (created_at and auto-number month) and its values. */
export interface PlannedRecord {
  readonly at: Date;
  readonly values: Record<string, unknown>;
}

/** Records to create, per form; a record's index in its list is what a DemoRef names. */
export class DemoPlan {
  readonly records = new Map<DemoForm, PlannedRecord[]>(DEMO_FORMS.map((f) => [f, []]));

  add(form: DemoForm, at: Date, values: Record<string, unknown>): DemoRef {
    const list = this.records.get(form)!;
    list.push({ at, values });
    return { $ref: form, index: list.length - 1 };
  }

  count(): number {
    let n = 0;
    for (const list of this.records.values()) n += list.length;
    return n;
  }
}

export const isRef = (v: unknown): v is DemoRef =>
  typeof v === 'object' && v !== null && typeof (v as DemoRef).$ref === 'string';

/** Who does what in the demo: user ids of the demo organisation. */
export interface DemoStaff {
  readonly sales: readonly string[];
  readonly director: string;
  readonly warehouse: string;
  readonly purchasing: string;
  readonly finance: string;
  readonly service: string;
}

/** A product as written: its id and what orders need of it. */
export interface DemoProduct {
  readonly id: string;
  readonly category: 'equipment' | 'parts' | 'consumables' | 'service';
  readonly price: number;
  readonly cost: number;
  readonly safety: number;
}
