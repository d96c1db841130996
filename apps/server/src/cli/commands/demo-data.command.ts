import { DEMO_FORMS, generateDemoData, installDemo } from '@tessera/packs';
import { sql } from 'kysely';
import { createUser } from '../../auth/user.store';
import { DEFAULT_DEMO_CUSTOMERS, DEFAULT_DEMO_PACK } from '../../bootstrap/demo';
import { platformTimeZone } from '../../config/config';
import { fileStorageFrom } from '../../files/file-storage.config';
import { CliError } from '../cli-error';
import { readConfig } from '../read-config';
import { withPackDatabase } from './pack-database';

export interface DemoDataFlags {
  readonly customers?: string;
  readonly orders?: string;
  readonly seed?: string;
  readonly batch?: string;
}

const mb = (bytes: number) => Math.round(bytes / 1_048_576);

function count(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new CliError(`--${name} must be a whole number ≥ ${min} (got ${value})`);
  return n;
}

/**
 * `tessera demo-data`: installs the Customer ERP pack and the demo users when missing, then
 * generates seeded demo data through the records service, printing progress and rows/s.
 */
export async function demoDataCommand(flags: DemoDataFlags): Promise<void> {
  const customers = count('customers', flags.customers, DEFAULT_DEMO_CUSTOMERS);
  const orders = count('orders', flags.orders, customers * 4, 0);
  const seed = count('seed', flags.seed, 1, 0);
  const batchCustomers = flags.batch === undefined ? undefined : count('batch', flags.batch, 100);
  const timeZone = platformTimeZone(readConfig());
  await withPackDatabase(async (db) => {
    const demo = await installDemo(db, {
      dir: DEFAULT_DEMO_PACK,
      createUser: (executor, input) => createUser(executor, input),
      timeZone,
      files: fileStorageFrom(readConfig()),
    });
    process.stdout.write(
      `generating ${customers} customers, ${orders} orders (seed ${seed}) into app ${demo.app}\n`,
    );
    const result = await generateDemoData(db, {
      app: demo.app,
      users: demo.users,
      customers,
      orders,
      seed,
      timeZone,
      ...(batchCustomers === undefined ? {} : { batchCustomers }),
      onProgress: (p) =>
        process.stdout.write(
          `  ${p.customersDone}/${p.customers} customers · ${p.rows} rows · ${Math.round(p.rows / p.seconds)} rows/s · ${Math.round(p.seconds)} s · ${mb(process.memoryUsage().rss)} MB\n`,
        ),
    });
    if (result.kind === 'skipped')
      throw new CliError(
        `${result.reason}: demo data is generated into an app without customers (use a fresh database)`,
      );
    process.stdout.write(`  ${'form'.padEnd(20)} ${'records'.padStart(9)} ${'rows/s'.padStart(8)}\n`);
    for (const form of DEMO_FORMS) {
      const perSecond = Math.round(result.rows[form] / Math.max(0.001, result.secondsByForm[form]));
      process.stdout.write(
        `  ${form.padEnd(20)} ${String(result.rows[form]).padStart(9)} ${String(perSecond).padStart(8)}\n`,
      );
    }
    const size = await sql<{
      bytes: string;
    }>`select pg_database_size(current_database())::text as bytes`.execute(db);
    process.stdout.write(
      `generated ${result.total} records up to ${result.today} (${timeZone}) in ${result.seconds.toFixed(1)} s (${result.rowsPerSecond} rows/s); database ${mb(Number(size.rows[0]?.bytes))} MB\n`,
    );
  });
}
