import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type MovableClock, movableClock } from '@tessera/logic';
import { applyPack, DEMO_PASSWORD, ensureDemoOrg, loadPackFolder, planPack } from '@tessera/packs';
import type { JobHandler } from '@tessera/store';
import { type Kysely, sql } from 'kysely';
import { createUser } from '../auth/user.store';
import { DEFAULT_DEMO_PACK } from '../bootstrap/demo';
import { jobTasks } from '../jobs/job-tasks';
import { addUser, type Client, createTestApp, login, type TestApp } from './test-app';

/**
 * Shared set-up of the Customer ERP tests: the shipped pack applied to a fresh database (without its
 * demo CSV rows — the tests make their own data through the API), the demo organisation (one user per
 * role, the demo password), a movable clock read by every engine, and the job worker played
 * deterministically by `drain()`.
 */
export const APP = 'customer_erp';
export const TIME_ZONE = 'Asia/Shanghai';
export const DAY = 86_400_000;

/** The test's clock (stands still until moved); the server and the job handlers read nothing else. */
export { type MovableClock, movableClock };

/** A local SMS gateway: the messaging webhook adapter posts `{ channel, to, text }` here. */
export async function startSmsGateway(): Promise<{
  url: string;
  messages: { channel: string; to: string[]; text: string }[];
  close(): Promise<void>;
}> {
  const messages: { channel: string; to: string[]; text: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      messages.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The demo users (one per role, `DEMO_USERS` of @tessera/packs) and the test's admin. */
export type ErpUser =
  | 'sales1'
  | 'sales2'
  | 'director1'
  | 'warehouse1'
  | 'purchasing1'
  | 'finance1'
  | 'fmanager1'
  | 'service1'
  | 'risk1'
  | 'manager1'
  | 'admin';

export interface ErpHarness {
  readonly t: TestApp;
  readonly db: Kysely<any>;
  readonly clock: MovableClock;
  readonly admin: Client;
  /** user name → id of the demo users and the admin. */
  readonly ids: Readonly<Record<ErpUser, string>>;
  /** Logs in a demo user (sales1, director1, warehouse1, purchasing1, finance1, fmanager1, …). */
  as(username: string): Promise<Client>;
  /** Runs every due job but the rule tick until the queue is empty: what the workers do. */
  drain(): Promise<string[]>;
  /** One rule tick (the date-relative sweeps) at the clock's now, then everything it enqueued. */
  sweep(): Promise<void>;
  close(): Promise<void>;
}

export async function startErp(options: {
  start: string;
  smsUrl?: string;
  /** More of the job workers' environment (the messengers' webhook and secret variables). */
  env?: Readonly<Record<string, string>>;
}): Promise<ErpHarness> {
  const clock = movableClock(options.start);
  const t = await createTestApp({ TESSERA_TIME_ZONE: TIME_ZONE }, { clock });
  const db = t.database.db;
  if (process.env.TESSERA_TEST_DEBUG)
    t.app.addHook('onError', async (_request, _reply, error) => console.error(error));
  const loaded = await loadPackFolder(DEFAULT_DEMO_PACK);
  const planned = await planPack(db, loaded);
  if (!planned.ok) throw new Error(`pack refused: ${JSON.stringify(planned.errors.slice(0, 5))}`);
  await applyPack(db, loaded, planned.plan, { clock, files: t.files });
  const org = await ensureDemoOrg(db, (executor, input) => createUser(executor, input));
  // The demo users have no e-mail address; the admin gives them one so e-mail alerts have a recipient.
  await sql`update tessera.users set email = username || '@demo.tessera.test'
    where id = any(${[...org.users.values()]}::uuid[])`.execute(db);
  await addUser(t, 'erpadmin', 'Tessera-Owner-2026', true);
  const admin = await login(t, 'erpadmin', 'Tessera-Owner-2026');
  const ids = {
    ...Object.fromEntries(org.users),
    admin: (await admin.request('GET', '/api/auth/me')).json().user.id,
  } as Record<ErpUser, string>;
  const tasks = jobTasks({
    db,
    clock,
    config: {
      TESSERA_TIME_ZONE: TIME_ZONE,
      ...(options.smsUrl ? { TESSERA_MESSAGING_WEBHOOK_URL: options.smsUrl } : {}),
    },
    ...(options.env ? { env: options.env } : {}),
  });
  const clients = new Map<string, Client>();

  async function runJob(
    task: string,
    handler: JobHandler | undefined,
    payload: unknown,
    jobId = task,
  ): Promise<void> {
    if (!handler) throw new Error(`no handler for job ${task}`);
    try {
      await handler(payload, { jobId, attempts: 1 });
    } catch (error) {
      throw new Error(`job ${task} ${JSON.stringify(payload)} failed: ${(error as Error).message}`);
    }
  }

  async function drain(): Promise<string[]> {
    const ran: string[] = [];
    for (let guard = 0; guard < 1000; guard++) {
      const next = await sql<{ id: string; task: string; payload: unknown }>`
        select j.id, k.identifier as task, j.payload from graphile_worker._private_jobs j
        join graphile_worker._private_tasks k on k.id = j.task_id
        where k.identifier <> 'rules.tick' and j.run_at <= ${clock.now().toISOString()}::timestamptz
        order by j.run_at, j.id limit 1`.execute(db);
      const job = next.rows[0];
      if (!job) return ran;
      await sql`delete from graphile_worker._private_jobs where id = ${job.id}`.execute(db);
      await runJob(job.task, tasks[job.task], job.payload, String(job.id));
      ran.push(job.task);
    }
    throw new Error('the job queue does not drain');
  }

  return {
    t,
    db,
    clock,
    admin,
    ids,
    async as(username) {
      let client = clients.get(username);
      if (!client) {
        client = await login(t, username, DEMO_PASSWORD);
        clients.set(username, client);
      }
      return client;
    },
    drain,
    async sweep() {
      await runJob('rules.tick', tasks['rules.tick'], {});
      await drain();
    },
    close: () => t.close(),
  };
}

/** Fails with the response body unless the status is the expected one; returns the JSON body. */
export async function ok<T = any>(
  response: Promise<{ statusCode: number; body: string; json(): any }>,
  status = 200,
): Promise<T> {
  const res = await response;
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return (res.body ? res.json() : undefined) as T;
}

export const records = (form: string) => `/api/apps/${APP}/forms/${form}/records`;
export const money = (amount: string | number) => ({ amount: String(amount) });
/** The admin files an active product at a list price; returns its id. */
export async function addProduct(erp: ErpHarness, name: string, listPrice: number): Promise<string> {
  const body = { name, list_price: money(listPrice), active: true };
  return (await ok(erp.admin.request('POST', records('product'), body), 201)).id;
}

/** The admin files a key customer owned by sales1; returns its id. */
export async function addCustomer(erp: ErpHarness, name: string): Promise<string> {
  const body = { name, tier: 'key', owner: erp.ids.sales1 };
  return (await ok(erp.admin.request('POST', records('customer'), body), 201)).id;
}

export const filterQuery = (filter: unknown) => `filter=${encodeURIComponent(JSON.stringify(filter))}`;

/**
 * sales1 files a draft quote of one line (unit price 6,000 unless given) and submits it for
 * approval; returns the quote as created, once the jobs its submission caused have run.
 */
export async function submitQuote(
  erp: ErpHarness,
  line: { customer: string; product: string; quantity: number; unitPrice?: number },
): Promise<any> {
  const sales = await erp.as('sales1');
  const quote = await ok(
    sales.request('POST', records('quote'), {
      customer: line.customer,
      items: [{ product: line.product, quantity: line.quantity, unit_price: money(line.unitPrice ?? 6000) }],
      status: 'draft',
      owner: erp.ids.sales1,
    }),
    201,
  );
  await ok(
    sales.request('PATCH', `${records('quote')}/${quote.id}`, {
      version: quote.version,
      status: 'pending_approval',
    }),
  );
  await erp.drain();
  return quote;
}
