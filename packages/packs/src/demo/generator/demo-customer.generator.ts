import { instant, isoDay } from './demo-calendar.js';
import type { DemoPlan, DemoRef, DemoStaff } from './demo-plan.js';
import type { DemoRandom } from './demo-random.js';
import {
  BRAND_CHARS,
  COMPANY_SUFFIXES,
  CONTACT_TITLES,
  DISTRICTS,
  FOLLOW_UP_SUMMARIES,
  INDUSTRY_WEIGHTS,
  INDUSTRY_WORDS,
  NEXT_STEPS,
  REGIONS,
  ROADS,
} from './demo-words.js';

/** The demo covers this many days up to today. */
export const DEMO_SPAN_DAYS = 540;
/** A customer not followed up for more than this many days is dormant (the dormant_customer rule). */
const DORMANT_AFTER_DAYS = 91;

type Tier = 'strategic' | 'key' | 'normal';

/** What is drawn for every customer before any is written: enough to share the orders out. */
export interface CustomerSeed {
  readonly tier: Tier;
  /** First day as a customer. */
  readonly since: number;
  /** Dormant customers stop ordering and being visited on this day; null: active until today. */
  readonly dormantFrom: number | null;
  /** Relative share of the orders. */
  readonly weight: number;
  /** Buys at the start of each quarter (budgets released): the quarter_start_buyers report finds them. */
  readonly quarterStart: boolean;
}

const TIER_WEIGHT: Record<Tier, number> = { strategic: 6, key: 2.5, normal: 1 };

export function seedCustomers(rng: DemoRandom, count: number, today: number): CustomerSeed[] {
  const start = today - DEMO_SPAN_DAYS;
  return Array.from({ length: count }, (_, i) => {
    const tier = rng.weighted<Tier>([
      ['strategic', 6],
      ['key', 22],
      ['normal', 72],
    ]);
    const since = rng.chance(0.15) ? today - rng.int(30, 180) : start + rng.int(0, 360);
    const dormantFrom = rng.chance(0.12) ? Math.max(since + 20, today - rng.int(100, 300)) : null;
    const end = dormantFrom ?? today;
    const quarterStart = i % 10 === 3;
    return { tier, since, dormantFrom, weight: TIER_WEIGHT[tier] * Math.max(1, end - since), quarterStart };
  });
}

/** Shares `total` orders out among the customers by weight (each draw a binary search). */
export function allocateOrders(rng: DemoRandom, seeds: readonly CustomerSeed[], total: number): number[] {
  const cumulative: number[] = [];
  let sum = 0;
  for (const s of seeds) {
    sum += s.weight;
    cumulative.push(sum);
  }
  const counts = new Array<number>(seeds.length).fill(0);
  for (let i = 0; i < total; i++) {
    const r = rng.float() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]! += 1;
  }
  // a quarter-start buyer is only seen as one with 3 orders or more: take them from the busiest
  for (const [i, s] of seeds.entries()) {
    while (s.quarterStart && counts[i]! < 3) {
      const busiest = counts.indexOf(Math.max(...counts));
      if (busiest === i || counts[busiest]! <= 3) break;
      counts[busiest]! -= 1;
      counts[i]! += 1;
    }
  }
  return counts;
}

/** A customer as the order generator needs it. */
export interface PlannedCustomer {
  readonly ref: DemoRef;
  readonly seed: CustomerSeed;
  readonly owner: string;
  readonly creditLevel: string;
  readonly paymentTerms: number;
  readonly warehouse: 'shanghai' | 'guangzhou' | 'beijing';
  readonly address: string;
  readonly contacts: readonly { contact_name: string; contact_role: string; mobile: string }[];
}

/**
 * Plans one customer and its follow-up visits: a unique zh-CN company name, tier-dependent credit
 * and terms, an address in a real province and city, 1–4 contacts with roles, an owner among the
 * sales users. Its last follow-up is the latest visit; dormant customers were last visited more
 * than 91 days ago and sit in the to_reactivate pool (what the dormant rule would have done).
 */
export function planCustomer(
  rng: DemoRandom,
  plan: DemoPlan,
  seed: CustomerSeed,
  env: { readonly today: number; readonly staff: DemoStaff; readonly names: Set<string> },
): PlannedCustomer {
  const industry = rng.weighted(INDUSTRY_WEIGHTS);
  const region = rng.pick(REGIONS);
  const city = rng.pick(region.cities);
  let name = '';
  do {
    const brand = rng.pick(BRAND_CHARS) + rng.pick(BRAND_CHARS);
    const words = INDUSTRY_WORDS[industry] ?? INDUSTRY_WORDS.other!;
    name = `${city}${brand}${rng.pick(words)}${rng.pick(COMPANY_SUFFIXES)}`;
  } while (env.names.has(name));
  env.names.add(name);
  const creditLevel =
    seed.tier === 'strategic'
      ? rng.weighted([
          ['excellent', 6],
          ['good', 4],
        ] as const)
      : rng.weighted([
          ['excellent', 2],
          ['good', 4],
          ['general', 3],
          ['poor', seed.tier === 'key' ? 0.5 : 1],
        ] as const);
  const [low, high] = seed.tier === 'strategic' ? [300, 1000] : seed.tier === 'key' ? [50, 300] : [5, 50];
  const paymentTerms = seed.tier === 'normal' ? rng.pick([30, 30, 45, 60]) : rng.pick([60, 90, 90]);
  const address = `${region.province === city ? '' : region.province}${city}市${rng.pick(DISTRICTS)}${rng.pick(ROADS)}${rng.int(1, 999)}号`;
  const roles = ['decision_maker', ...rng.sample(['technical', 'finance', 'receiving'], rng.int(0, 3))];
  const contacts = roles.map((role) => ({
    contact_name: rng.personName(),
    contact_role: role,
    title: rng.pick(CONTACT_TITLES[role]!),
    mobile: rng.mobile(),
  }));
  const owner = rng.pick(env.staff.sales);
  const values: Record<string, unknown> = {
    name,
    tier: seed.tier,
    credit_level: creditLevel,
    credit_limit: { amount: String(rng.int(low, high) * 10_000) },
    payment_terms_days: paymentTerms,
    industry,
    province: region.province,
    city,
    address,
    phone: `0${rng.int(10, 999)}-${rng.digits(8)}`,
    contacts,
    owner,
  };
  const ref = plan.add('customer', instant(seed.since, 1 + rng.int(0, 8)), values);
  const last = planFollowUps(rng, plan, ref, seed, { today: env.today, owner, contacts });
  values.last_follow_up = isoDay(last);
  values.pool = env.today - last > DORMANT_AFTER_DAYS ? 'to_reactivate' : 'active';
  return { ref, seed, owner, creditLevel, paymentTerms, warehouse: region.warehouse, address, contacts };
}

/** Visits over the customer's active time; an active customer was visited in the last 80 days. Returns the last visit day. */
function planFollowUps(
  rng: DemoRandom,
  plan: DemoPlan,
  customer: DemoRef,
  seed: CustomerSeed,
  env: { today: number; owner: string; contacts: readonly { contact_name: string }[] },
): number {
  const end = seed.dormantFrom ?? env.today;
  const count =
    seed.tier === 'strategic' ? rng.int(8, 14) : seed.tier === 'key' ? rng.int(4, 8) : rng.int(1, 4);
  const days = Array.from({ length: count }, () => rng.int(seed.since, end)).sort((a, b) => a - b);
  if (seed.dormantFrom === null) days[days.length - 1] = Math.max(seed.since, env.today - rng.int(0, 80));
  for (const day of days) {
    plan.add('follow_up', instant(day, 1 + rng.int(0, 8)), {
      customer,
      visit_date: isoDay(day),
      method: rng.weighted([
        ['visit', 4],
        ['call', 4],
        ['wechat', 3],
        ['email', 1],
      ] as const),
      contact: rng.pick(env.contacts).contact_name,
      summary: rng.pick(FOLLOW_UP_SUMMARIES),
      next_step: rng.pick(NEXT_STEPS),
      next_date: isoDay(day + rng.int(7, 30)),
      sales: env.owner,
    });
  }
  return Math.max(...days);
}

/** The days a customer orders on: spread over its active time, or early in a quarter for quarter-start buyers. */
export function orderDays(rng: DemoRandom, seed: CustomerSeed, count: number, today: number): number[] {
  const from = Math.max(seed.since, today - DEMO_SPAN_DAYS);
  const end = seed.dormantFrom ?? today;
  return Array.from({ length: count }, () => {
    const day = rng.int(from, end);
    if (!seed.quarterStart) return day;
    const date = new Date(day * 86_400_000);
    const quarter = Date.UTC(date.getUTCFullYear(), Math.floor(date.getUTCMonth() / 3) * 3, 1) / 86_400_000;
    const early = quarter + rng.int(0, 14);
    return early >= from && early <= end ? early : day;
  }).sort((a, b) => a - b);
}
