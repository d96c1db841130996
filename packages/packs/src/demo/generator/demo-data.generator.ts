import {
  analyzeAppTables,
  type Clock,
  createRecordService,
  recordTable,
  suppressRecordEvents,
} from '@tessera/forms';
import { movableClock, systemClock } from '@tessera/logic';
import { type Kysely, sql } from 'kysely';
import { DEMO_USERS } from '../demo-users.js';
import { planBatch } from './demo-batch.planner.js';
import { dayOf, isoDay } from './demo-calendar.js';
import { planProducts, planStock } from './demo-catalogue.generator.js';
import { allocateOrders, seedCustomers } from './demo-customer.generator.js';
import { DEMO_FORMS, type DemoForm, DemoPlan, type DemoProduct, type DemoStaff } from './demo-plan.js';
import { DemoStopped, writeDemoPlan } from './demo-plan.writer.js';
import { DemoRandom } from './demo-random.js';
import { PRODUCTS } from './demo-words.js';

export interface GenerateDemoDataOptions {
  /** The Customer ERP app (default customer_erp). */
  readonly app?: string;
  /** Customers to generate (default 200). */
  readonly customers?: number;
  /** Sales orders to generate (default 4 per customer). */
  readonly orders?: number;
  /** The same seed (and clock) gives the same data (default 1). */
  readonly seed?: number;
  /** Demo users by user name (ensureDemoOrg): owners, warehouse, finance, service staff. */
  readonly users: ReadonlyMap<string, string>;
  /** "Today" of the demo: dates spread over the 18 months before it; no record is dated after it. */
  readonly clock?: Clock;
  /** The zone of "today" (the server passes TESSERA_TIME_ZONE; default Asia/Shanghai). */
  readonly timeZone?: string;
  /**
   * Customers (with all their documents) per transaction; default: enough for about
   * BATCH_ORDERS orders (at least 100), so chunks stay large however the orders are spread.
   */
  readonly batchCustomers?: number;
  /** Records per insert statement, at most (default 1000). */
  readonly chunkSize?: number;
  readonly onProgress?: (progress: DemoProgress) => void;
  /**
   * Awaited before each transaction: lets the caller hold the generation back (the server waits
   * for a quiet moment between API requests, so people are served first).
   */
  readonly pace?: () => Promise<void>;
  /** Stops between two chunks: the batch being written rolls back, earlier batches stay; the result says `stopped`. */
  readonly signal?: AbortSignal;
}

/** Orders per transaction by default: ~80k records, a few hundred MB of plan at most. */
export const BATCH_ORDERS = 10_000;

export interface DemoProgress {
  readonly customersDone: number;
  readonly customers: number;
  readonly rows: number;
  readonly seconds: number;
}

export type DemoGenerationResult =
  | {
      readonly kind: 'generated';
      /** The demo's "today" (YYYY-MM-DD in its time zone): the latest date it wrote. */
      readonly today: string;
      readonly rows: Readonly<Record<DemoForm, number>>;
      readonly total: number;
      readonly seconds: number;
      readonly rowsPerSecond: number;
      /** Seconds spent in the records service (importCreate), per form. */
      readonly secondsByForm: Readonly<Record<DemoForm, number>>;
      /** The signal stopped it before every customer was written. */
      readonly stopped: boolean;
    }
  | { readonly kind: 'skipped'; readonly reason: string };

/**
 * Generates the Customer ERP demo data: realistic, seeded, consistent across forms (see
 * docs/pack-format.md, "Demo data"). Everything is written through the records service —
 * validation, defaults, formulas, rollups, auto-numbers and history apply — in one transaction per
 * batch of customers, with record events suppressed (`suppressRecordEvents`): generated history
 * must not start flows, create to-dos or send notifications. Skipped when the app has customers.
 */
export async function generateDemoData(
  db: Kysely<any>,
  options: GenerateDemoDataOptions,
): Promise<DemoGenerationResult> {
  const app = options.app ?? 'customer_erp';
  const customers = options.customers ?? 200;
  const orders = options.orders ?? customers * 4;
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const started = performance.now();
  const existing = await sql<{
    n: number;
  }>`select count(*) as n from ${recordTable(app, 'customer')}`.execute(db);
  if (Number(existing.rows[0]?.n) > 0)
    return { kind: 'skipped', reason: `${app}.customer already has records` };

  const staff = demoStaff(options.users);
  const now = (options.clock ?? systemClock).now();
  const today = dayOf(now, timeZone);
  const rng = new DemoRandom(options.seed ?? 1);
  const seeds = seedCustomers(rng, customers, today);
  const counts = allocateOrders(rng, seeds, orders);
  const clock = movableClock(new Date());
  const rows = Object.fromEntries(DEMO_FORMS.map((f) => [f, 0])) as Record<DemoForm, number>;
  const timings = Object.fromEntries(DEMO_FORMS.map((f) => [f, 0])) as Record<DemoForm, number>;
  const write = async (plan: DemoPlan) => {
    await options.pace?.();
    return db.transaction().execute(async (trx) => {
      await suppressRecordEvents(trx);
      const records = createRecordService({
        db: trx,
        actor: { id: null },
        clock,
        timeZone,
        systemWrite: true, // demo history: approved quotes, shipped orders
      });
      const ids = await writeDemoPlan(records, clock, {
        app,
        plan,
        chunkSize: options.chunkSize ?? 1000,
        notAfter: now,
        timings,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      for (const [form, list] of plan.records) rows[form] += list.length;
      return ids;
    });
  };

  let stopped = false;
  try {
    const catalogue = new DemoPlan();
    planProducts(catalogue, today);
    const productIds = (await write(catalogue)).get('product')!;
    const products: DemoProduct[] = PRODUCTS.map((p, i) => ({
      id: productIds[i]!,
      category: p.category,
      price: p.price,
      cost: p.cost,
      safety: p.safety,
    }));
    const stock = new DemoPlan();
    planStock(rng, stock, products, { today, staff, perMonth: Math.max(1, Math.round(orders / 400)) });
    await write(stock);

    const names = new Set<string>();
    const batch =
      options.batchCustomers ?? Math.max(100, Math.floor((customers * BATCH_ORDERS) / Math.max(1, orders)));
    for (let from = 0; from < customers; from += batch) {
      const plan = planBatch(rng, {
        seeds,
        counts,
        from,
        to: Math.min(customers, from + batch),
        today,
        staff,
        products,
        names,
      });
      await write(plan);
      options.onProgress?.({
        customersDone: Math.min(customers, from + batch),
        customers,
        rows: Object.values(rows).reduce((s, n) => s + n, 0),
        seconds: (performance.now() - started) / 1000,
      });
    }
  } catch (error) {
    if (!(error instanceof DemoStopped)) throw error;
    stopped = true;
  }
  // fresh tables have no planner statistics (PGlite has no autovacuum): plans and the report
  // cost check (EXPLAIN) would guess the demo's size from its pages
  await analyzeAppTables(db, app);
  const total = Object.values(rows).reduce((s, n) => s + n, 0);
  const seconds = (performance.now() - started) / 1000;
  const secondsByForm = Object.fromEntries(DEMO_FORMS.map((f) => [f, timings[f] / 1000])) as Record<
    DemoForm,
    number
  >;
  return {
    kind: 'generated',
    today: isoDay(today),
    rows,
    total,
    seconds,
    rowsPerSecond: Math.round(total / seconds),
    secondsByForm,
    stopped,
  };
}

/** The demo organisation's users by what they do; a missing one is a clear error. */
function demoStaff(users: ReadonlyMap<string, string>): DemoStaff {
  const byRole = (role: string) =>
    DEMO_USERS.filter((u) => u.roles.includes(role)).flatMap((u) => {
      const id = users.get(u.username);
      return id ? [id] : [];
    });
  const one = (role: string) => {
    const id = byRole(role)[0];
    if (!id)
      throw new Error(
        `demo data: no demo user with role ${role}: create the demo users first (ensureDemoOrg)`,
      );
    return id;
  };
  const sales = byRole('sales');
  if (sales.length === 0) one('sales');
  return {
    sales,
    director: one('sales_director'),
    warehouse: one('warehouse'),
    purchasing: one('purchasing'),
    finance: one('finance'),
    service: one('service'),
  };
}
