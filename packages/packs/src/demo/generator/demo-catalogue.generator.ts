import { instant } from './demo-calendar.js';
import { DEMO_SPAN_DAYS } from './demo-customer.generator.js';
import { planPurchase } from './demo-order.generator.js';
import type { DemoPlan, DemoProduct, DemoStaff } from './demo-plan.js';
import type { DemoRandom } from './demo-random.js';
import { PRODUCTS } from './demo-words.js';

/** The product catalogue, created before anything that links to it. */
export function planProducts(plan: DemoPlan, today: number): void {
  const at = instant(today - DEMO_SPAN_DAYS - 30, 1);
  for (const p of PRODUCTS) {
    const spec = p.name.split(' ').slice(1).join(' ');
    plan.add('product', at, {
      name: p.name,
      category: p.category,
      ...(spec ? { spec } : {}),
      unit: p.unit,
      list_price: { amount: String(p.price) },
      cost_price: { amount: String(p.cost) },
      safety_stock: p.safety,
      active: true,
    });
  }
}

/**
 * Stock per product and warehouse (services have none): some below their safety stock, so the
 * purchase side has something to suggest; and stock replenishment orders over the whole span
 * (about `perMonth` a month), with incoming quality checks once received.
 */
export function planStock(
  rng: DemoRandom,
  plan: DemoPlan,
  products: readonly DemoProduct[],
  env: { today: number; staff: DemoStaff; perMonth: number },
): void {
  for (const product of products) {
    if (product.category === 'service') continue;
    for (const warehouse of ['shanghai', 'guangzhou', 'beijing'] as const) {
      const onHand = rng.chance(0.2)
        ? rng.int(0, product.safety)
        : rng.int(product.safety, product.safety * 3 + 5);
      plan.add('stock', instant(env.today - 1, 1), {
        product: product.id,
        warehouse,
        on_hand: onHand,
        reserved: rng.int(0, Math.floor(onHand / 3)),
      });
    }
  }
  const stocked = products.filter((p) => p.category !== 'service');
  const months = Math.ceil(DEMO_SPAN_DAYS / 30);
  for (let m = 0; m < months; m++) {
    for (let i = 0; i < env.perMonth; i++) {
      const product = rng.pick(stocked);
      const day = env.today - DEMO_SPAN_DAYS + m * 30 + rng.int(0, 29);
      planPurchase(rng, plan, {
        product,
        quantity: product.safety * rng.int(1, 3) + rng.int(1, 5),
        day,
        arrival: day + rng.int(5, 20),
        today: env.today,
        buyer: env.staff.purchasing,
        inspector: env.staff.warehouse,
      });
    }
  }
}
