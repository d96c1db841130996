import { type CustomerSeed, orderDays, planCustomer } from './demo-customer.generator.js';
import { planOrder } from './demo-order.generator.js';
import { DemoPlan, type DemoProduct, type DemoStaff } from './demo-plan.js';
import type { DemoRandom } from './demo-random.js';

/**
 * Plans customers `from`…`to − 1` with their visits, their orders and everything after them (pure:
 * the randomness is `rng`'s, in customer order, so the same seed gives the same plans whatever the
 * batch size).
 */
export function planBatch(
  rng: DemoRandom,
  input: {
    readonly seeds: readonly CustomerSeed[];
    readonly counts: readonly number[];
    readonly from: number;
    readonly to: number;
    readonly today: number;
    readonly staff: DemoStaff;
    readonly products: readonly DemoProduct[];
    /** Customer names used so far (kept across batches: names are unique). */
    readonly names: Set<string>;
  },
): DemoPlan {
  const { today, staff, products, names } = input;
  const plan = new DemoPlan();
  for (let i = input.from; i < input.to; i++) {
    const seed = input.seeds[i]!;
    const customer = planCustomer(rng, plan, seed, { today, staff, names });
    for (const day of orderDays(rng, seed, input.counts[i]!, today))
      planOrder(rng, plan, customer, day, { today, staff, products });
  }
  return plan;
}
