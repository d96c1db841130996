import { publishForms } from '@tessera/forms/testing';
import type { FormDefinition } from '@tessera/schema';
import type { Database } from '@tessera/store';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginTo, type ServerProcess, startServerProcess } from './server-process';
import { prepareServerProcessDatabase, type ServerProcessDatabase } from './server-process-database';

/**
 * Issue 15.1: with a report query running, SIGTERM must still end the server within
 * TESSERA_SHUTDOWN_TIMEOUT_MS — on the embedded PGlite the statement runs in a worker thread,
 * so the signal handler and its timers run, and the worker is ended; the data folder opens
 * again afterwards with everything committed before.
 */

const ADMIN = { user: 'admin', password: 'shutdown test 42 password' };
const SHUTDOWN_MS = 3000;
const l = (en: string) => ({ en });
const pathological = {
  source: 'customer',
  joins: Array.from({ length: 5 }, (_, i) => ({ as: `o${i}`, form: 'sales_order', link: 'customer' })),
  measures: [{ key: 'n', agg: 'count' }],
};

const orders = async (db: Database['db']) =>
  Number((await sql<{ n: number }>`select count(*) as n from app_erp.sales_order`.execute(db)).rows[0]?.n);

describe('SIGTERM while a report query runs', () => {
  let target: ServerProcessDatabase;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    target = await prepareServerProcessDatabase('tessera-shutdown');
    const database = await target.open();
    try {
      await publishForms(database.db, 'erp', [
        {
          key: 'customer',
          title: l('Customer'),
          fields: [{ id: 'c1', key: 'name', type: 'text', label: l('Name') }],
        },
        {
          key: 'sales_order',
          title: l('Order'),
          fields: [{ id: 'o1', key: 'customer', type: 'link', label: l('Customer'), form: 'customer' }],
        },
      ] as FormDefinition[]);
      await sql`insert into app_erp.customer (name) values ('A')`.execute(database.db);
      await sql`insert into app_erp.sales_order (customer) select c.id from app_erp.customer c, generate_series(1, 60)`.execute(
        database.db,
      );
    } finally {
      await database.close();
    }
  }, 120_000);

  afterAll(async () => {
    await server?.kill();
    await target?.discard();
  }, 60_000);

  it(`ends the server within TESSERA_SHUTDOWN_TIMEOUT_MS (${SHUTDOWN_MS} ms), and the data opens again`, async () => {
    server = await startServerProcess({
      ...target.env,
      WORKERS: '0',
      TESSERA_ADMIN_USER: ADMIN.user,
      TESSERA_ADMIN_PASSWORD: ADMIN.password,
      TESSERA_SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_MS),
      // the report would run for minutes: no limit stops it before the signal does
      TESSERA_REPORT_TIMEOUT_MS: '600000',
      TESSERA_REPORT_MAX_COST: '1e15',
      TESSERA_REPORT_MAX_FAN_OUT_JOINS: '8',
    });
    const session = await loginTo(server.url, ADMIN.user, ADMIN.password);
    const report = session
      .request(server.url, 'POST', '/api/apps/erp/reports/query', { query: pathological })
      .catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const health = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(5000) });
    expect(health.status).toBe(200);

    const signalled = Date.now();
    const code = await server.stop();
    const took = Date.now() - signalled;
    expect(code).not.toBeNull();
    // the bound, plus the process's own exit (generous: the machine is shared)
    expect(took).toBeLessThan(SHUTDOWN_MS + 7000);
    await report;
    server = undefined;

    const database = await target.open();
    try {
      expect(await orders(database.db)).toBe(60);
    } finally {
      await database.close();
    }
  }, 120_000);
});
