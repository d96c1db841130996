import { instant, isoDay } from './demo-calendar.js';
import type { PlannedCustomer } from './demo-customer.generator.js';
import type { DemoPlan, DemoProduct, DemoRef, DemoStaff } from './demo-plan.js';
import type { DemoRandom } from './demo-random.js';
import { BANKS, CARRIERS, SUPPLIERS, TICKET_SUBJECTS } from './demo-words.js';

export interface OrderEnv {
  readonly today: number;
  readonly staff: DemoStaff;
  readonly products: readonly DemoProduct[];
}

const money = (n: number) => ({ amount: String(n) });
const QUANTITY: Record<DemoProduct['category'], [number, number]> = {
  equipment: [1, 3],
  parts: [2, 20],
  consumables: [10, 120],
  service: [1, 4],
};

interface Line {
  readonly product: DemoProduct;
  readonly quantity: number;
  readonly rate: number;
  /** quantity × price × (1 − rate): whole yuan, since prices are multiples of 20 and rates of 5 %. */
  readonly amount: number;
}

function planLines(rng: DemoRandom, products: readonly DemoProduct[]): Line[] {
  const picked = rng.sample(
    products,
    rng.weighted([
      [1, 4],
      [2, 3],
      [3, 2],
      [4, 1],
    ] as const),
  );
  return picked.map((product) => {
    const [lo, hi] = QUANTITY[product.category];
    const quantity = rng.int(lo, hi);
    const rate = rng.pick([0, 0, 0, 0.05, 0.1]);
    return { product, quantity, rate, amount: (quantity * product.price * (100 - rate * 100)) / 100 };
  });
}

const itemValues = (lines: readonly Line[]) =>
  lines.map((l) => ({
    product: l.product.id,
    quantity: l.quantity,
    unit_price: money(l.product.price),
    ...(l.rate > 0 ? { discount_rate: l.rate } : {}),
  }));

/**
 * Plans one sales order and everything that follows it up to today: the quote it came from (75 %),
 * a purchase suggestion and order when stock was short, the shipping notice of an order ready to
 * ship, the shipment (on time or late) with its outbound slip and an outgoing quality check, a
 * return (4 %), the invoice for the order total, the receivable for the invoice amount due after
 * the customer's payment terms, payments and their write-offs (paid on time, late, partly, or not
 * at all by credit level: the receivable's received amount and status follow from them), and a
 * service ticket (20 %). The order's status is where that story stands today.
 */
export function planOrder(
  rng: DemoRandom,
  plan: DemoPlan,
  customer: PlannedCustomer,
  day: number,
  env: OrderEnv,
): void {
  const { today, staff } = env;
  const lines = planLines(rng, env.products);
  const subtotal = lines.reduce((s, l) => s + l.amount, 0);
  const discount = subtotal > 100_000 && rng.chance(0.2) ? Math.round((subtotal * 0.01) / 100) * 100 : 0;
  const total = subtotal - discount;
  const cancelled = rng.chance(0.03);
  const equipment = lines.some((l) => l.product.category === 'equipment');
  const expected = day + (equipment ? rng.int(14, 35) : rng.int(3, 12));
  const short = !cancelled && rng.chance(0.15);
  const transit = rng.int(1, 5);
  const late = rng.chance(0.12);
  let ship = day + rng.int(1, equipment ? 20 : 7) + (short ? rng.int(5, 20) : 0);
  let delivered: number;
  if (late) {
    delivered = Math.max(expected + rng.int(1, 10), ship + transit);
    ship = delivered - transit;
  } else {
    ship = Math.max(day, Math.min(ship, expected - transit));
    delivered = ship + transit;
  }
  const invoiceDay = ship + rng.int(0, 5);
  const due = invoiceDay + customer.paymentTerms;
  const paid = paymentDay(rng, customer.creditLevel, due);
  const partial = rng.chance(0.06);

  let quote: DemoRef | undefined;
  if (rng.chance(0.75)) {
    const quoteDay = day - rng.int(1, 14);
    const submitted = instant(quoteDay, 1 + rng.int(0, 7));
    const hours = total > 500_000 ? 2 + rng.int(0, 70) : 0.5 + rng.int(0, 8);
    quote = plan.add('quote', submitted, {
      customer: customer.ref,
      quote_date: isoDay(quoteDay),
      valid_until: isoDay(quoteDay + 30),
      // the promised delivery the order takes over (the quote_to_order flow carries it)
      expected_delivery_date: isoDay(expected),
      items: itemValues(lines),
      ...(discount > 0 ? { discount: money(discount) } : {}),
      status: 'converted',
      owner: customer.owner,
      submitted_at: submitted.toISOString(),
      approved_at: new Date(submitted.getTime() + hours * 3_600_000).toISOString(),
    });
  }
  const shipped = !cancelled && ship <= today;
  const invoiced = shipped && invoiceDay <= today;
  const fullyPaid = invoiced && !partial && paid !== null && paid <= today;
  const status = cancelled
    ? 'cancelled'
    : fullyPaid
      ? 'paid'
      : invoiced
        ? 'invoiced'
        : shipped
          ? 'shipped'
          : short
            ? 'awaiting_stock'
            : today - day >= 2
              ? 'ready_to_ship'
              : 'confirmed';
  const receiving = customer.contacts.find((c) => c.contact_role === 'receiving') ?? customer.contacts[0]!;
  const order = plan.add('sales_order', instant(day, 1 + rng.int(0, 8)), {
    customer: customer.ref,
    ...(quote ? { quote } : {}),
    order_date: isoDay(day),
    expected_delivery_date: isoDay(expected),
    items: itemValues(lines),
    ...(discount > 0 ? { discount: money(discount) } : {}),
    status,
    stock_check: short ? 'insufficient' : 'sufficient',
    owner: customer.owner,
    receiving_contact: receiving.contact_name,
    receiving_phone: receiving.mobile,
    shipping_address: customer.address,
    ...(shipped ? { shipped_at: instant(ship, 2 + rng.int(0, 6)).toISOString() } : {}),
  });
  if (short) planShortage(rng, plan, order, lines, { day, expected, ship, today, staff });
  if (status === 'ready_to_ship')
    // the order-to-cash flow's shipping notice: the warehouse has it, nothing has left yet
    plan.add('shipment', instant(day + 1, 2), {
      sales_order: order,
      customer: customer.ref,
      warehouse: customer.warehouse,
      promised_date: isoDay(expected),
      status: 'notified',
      handled_by: staff.warehouse,
    });
  if (!shipped) return;

  const shipment = plan.add('shipment', instant(ship, 1), {
    sales_order: order,
    customer: customer.ref,
    warehouse: customer.warehouse,
    promised_date: isoDay(expected),
    shipped_date: isoDay(ship),
    ...(delivered <= today ? { delivered_date: isoDay(delivered) } : {}),
    ...carrier(rng),
    status: delivered <= today ? 'delivered' : 'shipped',
    handled_by: staff.warehouse,
  });
  plan.add('outbound_slip', instant(ship, 1), {
    shipment,
    sales_order: order,
    warehouse: customer.warehouse,
    // the slip carries the order's prices (as an ERP's push-down from the order does)
    items: itemValues(lines),
    printed_at: instant(ship, 1 + rng.int(0, 2)).toISOString(),
    handled_by: staff.warehouse,
  });
  if (rng.chance(0.3)) {
    const defects = rng.weighted([
      [0, 85],
      [1, 8],
      [3, 7],
    ] as const);
    plan.add('quality_check', instant(ship, 1), {
      check_type: 'outgoing',
      product: lines[0]!.product.id,
      shipment,
      checked_on: isoDay(ship),
      sample_size: Math.min(lines[0]!.quantity, 20),
      defects,
      result: defects > 2 ? 'fail' : 'pass',
      inspector: staff.warehouse,
    });
  }
  if (delivered <= today && rng.chance(0.04)) planReturn(rng, plan, order, customer, lines, delivered, env);
  if (delivered <= today && rng.chance(0.2)) planTicket(rng, plan, order, customer, delivered, env);
  if (!invoiced) return;
  planBilling(rng, plan, order, customer, { total, invoiceDay, due, paid, partial, today, staff });
}

function paymentDay(rng: DemoRandom, credit: string, due: number): number | null {
  switch (credit) {
    case 'excellent':
      return due - rng.int(0, 20);
    case 'good':
      return due + rng.int(-15, 10);
    case 'general':
      return due + rng.int(-10, 30);
    default:
      return rng.chance(0.2) ? null : due + rng.int(0, 90);
  }
}

function carrier(rng: DemoRandom): { carrier: string; tracking_no: string } {
  const [name, prefix] = rng.pick(CARRIERS);
  return { carrier: name, tracking_no: `${prefix}${rng.digits(12)}` };
}

function planShortage(
  rng: DemoRandom,
  plan: DemoPlan,
  order: DemoRef,
  lines: readonly Line[],
  at: { day: number; expected: number; ship: number; today: number; staff: DemoStaff },
): void {
  const line = lines.find((l) => l.product.category !== 'service') ?? lines[0]!;
  const shortage = rng.int(1, line.quantity);
  const quantity = shortage + line.product.safety;
  const ordered = at.ship <= at.today || rng.chance(0.5);
  const suggestion = plan.add('purchase_suggestion', instant(at.day, 2), {
    sales_order: order,
    product: line.product.id,
    shortage,
    suggested_quantity: quantity,
    needed_by: isoDay(at.expected),
    status: ordered ? 'ordered' : 'open',
  });
  if (!ordered) return;
  const arrival = at.day + rng.int(4, 14);
  planPurchase(rng, plan, {
    product: line.product,
    quantity,
    day: at.day + 1,
    arrival,
    today: at.today,
    suggestion,
    buyer: at.staff.purchasing,
    inspector: at.staff.warehouse,
  });
}

/** A purchase order (for a suggestion or to replenish stock) and, once received, its incoming check. */
export function planPurchase(
  rng: DemoRandom,
  plan: DemoPlan,
  p: {
    product: DemoProduct;
    quantity: number;
    day: number;
    arrival: number;
    today: number;
    suggestion?: DemoRef;
    buyer: string;
    inspector: string;
  },
): void {
  const received = p.arrival <= p.today;
  const po = plan.add('purchase_order', instant(p.day, 2), {
    supplier: rng.pick(SUPPLIERS),
    ...(p.suggestion ? { suggestion: p.suggestion } : {}),
    items: [{ product: p.product.id, quantity: p.quantity, unit_price: money(p.product.cost) }],
    order_date: isoDay(p.day),
    expected_arrival: isoDay(p.arrival),
    status: received ? 'received' : 'ordered',
    buyer: p.buyer,
  });
  if (received && rng.chance(0.5)) {
    const defects = rng.weighted([
      [0, 80],
      [1, 12],
      [4, 8],
    ] as const);
    plan.add('quality_check', instant(p.arrival, 2), {
      check_type: 'incoming',
      product: p.product.id,
      purchase_order: po,
      checked_on: isoDay(p.arrival),
      sample_size: Math.min(p.quantity, 20),
      defects,
      result: defects > 2 ? 'fail' : 'pass',
      inspector: p.inspector,
    });
  }
}

function planReturn(
  rng: DemoRandom,
  plan: DemoPlan,
  order: DemoRef,
  customer: PlannedCustomer,
  lines: readonly Line[],
  delivered: number,
  env: OrderEnv,
): void {
  const line = rng.pick(lines);
  const quantity = rng.int(1, line.quantity);
  const day = Math.min(env.today, delivered + rng.int(3, 30));
  const reason = rng.weighted([
    ['quality', 35],
    ['damaged', 20],
    ['wrong_item', 15],
    ['changed_mind', 20],
    ['other', 10],
  ] as const);
  let check: DemoRef | undefined;
  if (reason === 'quality')
    check = plan.add('quality_check', instant(day, 2), {
      check_type: 'return',
      product: line.product.id,
      checked_on: isoDay(day),
      sample_size: quantity,
      defects: rng.int(1, quantity),
      result: 'fail',
      inspector: env.staff.warehouse,
      notes: rng.pick(['涂层剥落', '尺寸超差', '异响', '外观划伤']),
    });
  const age = env.today - day;
  plan.add('sales_return', instant(day, 3), {
    sales_order: order,
    customer: customer.ref,
    product: line.product.id,
    quantity,
    amount: money((quantity * line.product.price * (100 - line.rate * 100)) / 100),
    reason,
    ...(check ? { quality_check: check } : {}),
    return_date: isoDay(day),
    status: age > 14 ? (rng.chance(0.9) ? 'refunded' : 'rejected') : age > 4 ? 'received' : 'requested',
  });
}

function planTicket(
  rng: DemoRandom,
  plan: DemoPlan,
  order: DemoRef,
  customer: PlannedCustomer,
  delivered: number,
  env: OrderEnv,
): void {
  const category = rng.weighted([
    ['repair', 40],
    ['consulting', 25],
    ['installation', 20],
    ['complaint', 15],
  ] as const);
  const priority = rng.weighted([
    ['urgent', 10],
    ['high', 25],
    ['normal', 65],
  ] as const);
  const opened = instant(delivered + rng.int(1, 60), 1 + rng.float() * 8);
  const now = instant(env.today, 10);
  if (opened > now) return;
  const [lo, hi] = priority === 'urgent' ? [0.2, 2] : priority === 'high' ? [0.5, 6] : [1, 24];
  const responded = new Date(opened.getTime() + (lo + rng.float() * (hi - lo)) * 3_600_000);
  const resolved = new Date(responded.getTime() + (2 + rng.float() * 200) * 3_600_000);
  const done = resolved <= now;
  const satisfaction =
    done && rng.chance(0.8)
      ? rng.weighted([
          [5, 40],
          [4, 35],
          [3, 15],
          [2, 6],
          [1, 4],
        ] as const)
      : null;
  const nps =
    satisfaction === null
      ? null
      : satisfaction >= 5
        ? rng.int(9, 10)
        : satisfaction === 4
          ? rng.int(7, 9)
          : satisfaction === 3
            ? rng.int(5, 7)
            : rng.int(0, 4);
  plan.add('service_ticket', opened, {
    customer: customer.ref,
    sales_order: order,
    subject: rng.pick(TICKET_SUBJECTS[category]!),
    category,
    priority,
    opened_at: opened.toISOString(),
    ...(responded <= now ? { first_response_at: responded.toISOString() } : {}),
    ...(done ? { resolved_at: resolved.toISOString() } : {}),
    ...(satisfaction === null ? {} : { satisfaction, nps_score: nps }),
    assignee: env.staff.service,
    status: done ? (rng.chance(0.6) ? 'closed' : 'resolved') : responded <= now ? 'in_progress' : 'open',
  });
}

function planBilling(
  rng: DemoRandom,
  plan: DemoPlan,
  order: DemoRef,
  customer: PlannedCustomer,
  b: {
    total: number;
    invoiceDay: number;
    due: number;
    paid: number | null;
    partial: boolean;
    today: number;
    staff: DemoStaff;
  },
): void {
  const invoice = plan.add('invoice', instant(b.invoiceDay, 2), {
    sales_order: order,
    customer: customer.ref,
    invoice_type: rng.chance(0.8) ? 'vat_special' : 'vat_normal',
    amount: money(b.total),
    invoice_date: isoDay(b.invoiceDay),
    status: 'issued',
    issued_by: b.staff.finance,
  });
  const payDay = b.paid !== null && b.paid <= b.today ? Math.max(b.paid, b.invoiceDay) : null;
  const received = payDay === null ? 0 : b.partial ? Math.round((b.total * rng.int(40, 70)) / 100) : b.total;
  // received amount, paid date and status are computed from the write-offs below; a customer that
  // never pays (poor credit) leaves it open and overdue
  const receivable = plan.add('receivable', instant(b.invoiceDay, 2), {
    customer: customer.ref,
    sales_order: order,
    invoice,
    amount: money(b.total),
    invoice_date: isoDay(b.invoiceDay),
    due_date: isoDay(b.due),
    salesperson: customer.owner,
  });
  if (payDay === null) return;
  const confirmed = b.today - payDay > 2;
  const payment = plan.add('payment', instant(payDay, 3), {
    customer: customer.ref,
    amount: money(received),
    received_date: isoDay(payDay),
    method: rng.weighted([
      ['bank_transfer', 8],
      ['acceptance_bill', 2],
    ] as const),
    bank_reference: `${rng.pick(BANKS)}${isoDay(payDay).replaceAll('-', '')}${rng.digits(4)}`,
    status: confirmed ? 'confirmed' : 'received',
    ...(confirmed ? { confirmed_by: b.staff.finance } : {}),
  });
  plan.add('write_off', instant(payDay, 4), {
    payment,
    receivable,
    amount: money(received),
    written_off_on: isoDay(payDay),
    written_off_by: b.staff.finance,
  });
}
