import { fileURLToPath } from 'node:url';
import {
  type AssetStorage,
  DEMO_PASSWORD,
  DEMO_USERS,
  type DemoGenerationResult,
  generateDemoData,
  installDemo,
} from '@tessera/packs';
import { type Kysely, sql } from 'kysely';
import { createUser } from '../auth/user.store';
import type { Clock } from '../config/clock';
import { ConfigSchema } from '../config/config';

/** The shipped Customer ERP pack, relative to this file so `start` works from any folder. */
export const DEFAULT_DEMO_PACK = fileURLToPath(new URL('../../../../examples/customer-erp', import.meta.url));

/** The size of the demo data generated on the first start (`pnpm tessera demo-data` makes others). */
export const DEFAULT_DEMO_CUSTOMERS: number = ConfigSchema.properties.TESSERA_DEMO_CUSTOMERS.default;

export type DemoOutcome =
  | { readonly installed: false; readonly reason: 'disabled' | 'packs-present' }
  | {
      readonly installed: true;
      readonly app: string;
      readonly users: readonly { username: string; roles: readonly string[] }[];
      readonly password: string;
      /** Demo users by user name: the generator's owners and staff. */
      readonly userIds: ReadonlyMap<string, string>;
    };

/**
 * Installs the Customer ERP demo on a database that has no pack yet — the first start of a fresh
 * instance: the pack and the demo users, in seconds. The demo data is generated afterwards, in the
 * background (generateDemoInBackground), so the server is healthy as fast as before. Later starts
 * skip it without reading the pack (validation costs seconds).
 */
export async function ensureDemo(
  db: Kysely<any>,
  options: { enabled: boolean; dir?: string; timeZone: string; clock?: Clock; files?: AssetStorage },
): Promise<DemoOutcome> {
  if (!options.enabled) return { installed: false, reason: 'disabled' };
  const any = await sql`select 1 from tessera.installed_packs limit 1`.execute(db);
  if (any.rows.length > 0) return { installed: false, reason: 'packs-present' };
  const result = await installDemo(db, {
    dir: options.dir ?? DEFAULT_DEMO_PACK,
    createUser: (executor, input) => createUser(executor, input),
    timeZone: options.timeZone,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.files ? { files: options.files } : {}),
  });
  return {
    installed: true,
    app: result.app,
    users: DEMO_USERS.map((u) => ({ username: u.username, roles: u.roles })),
    password: DEMO_PASSWORD,
    userIds: result.users,
  };
}

export interface DemoDataRun {
  /** Settles when the generation ends (never rejects: a failure is logged). */
  readonly done: Promise<DemoGenerationResult | undefined>;
  /** Stops between two batches and waits (what was written stays). */
  stop(): Promise<void>;
}

interface Log {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Generates the default demo data while the server already serves: small batches (one transaction
 * each), each started when the API is quiet (`whenQuiet`), so on the embedded database requests
 * are served between them rather than queued behind one batch after the other. Record events are
 * suppressed (no flows, to-dos or notifications for generated history).
 */
export function generateDemoInBackground(
  db: Kysely<any>,
  demo: { app: string; userIds: ReadonlyMap<string, string> },
  log: Log,
  options: {
    databaseKind: 'pglite' | 'postgres';
    /** The platform's zone (TESSERA_TIME_ZONE): the demo's "today" is the reports' "today". */
    timeZone: string;
    /** The server's clock (default: the system clock). */
    clock?: Clock;
    customers?: number;
    whenQuiet?: () => Promise<void>;
  },
): DemoDataRun {
  const controller = new AbortController();
  const done = generateDemoData(db, {
    app: demo.app,
    users: demo.userIds,
    customers: options.customers ?? DEFAULT_DEMO_CUSTOMERS,
    timeZone: options.timeZone,
    ...(options.clock ? { clock: options.clock } : {}),
    // the embedded database's one backend serves transactions one at a time: small batches (~200
    // records) so API requests wait for a batch about a second; a server has no such queue
    batchCustomers: options.databaseKind === 'pglite' ? 5 : 50,
    signal: controller.signal,
    ...(options.whenQuiet ? { pace: options.whenQuiet } : {}),
  }).then(
    (result) => {
      if (result.kind === 'generated')
        log.info(
          {
            rows: result.total,
            today: result.today,
            seconds: Math.round(result.seconds),
            rowsPerSecond: result.rowsPerSecond,
            stopped: result.stopped,
          },
          result.stopped ? 'demo data generation stopped' : 'demo data generated',
        );
      return result;
    },
    (error: unknown) => {
      log.error({ err: error }, 'demo data generation failed');
      return undefined;
    },
  );
  return {
    done,
    async stop() {
      controller.abort();
      await done;
    },
  };
}
