import type { Database } from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../config/clock';
import { exportRoutes } from './export.routes';
import { ImportRuns } from './import-runs';
import { importRoutes } from './imports.routes';

/** Sheets in and out of forms: imports (upload → background run → status) and list exports. */
export async function importsApi(
  app: FastifyInstance,
  deps: {
    db: Kysely<any>;
    pool?: Database['pool'];
    maxBytes: number;
    timeZone?: string;
    clock?: Clock;
    spoolDir?: string;
  },
): Promise<void> {
  const clock = deps.clock ?? systemClock;
  const runs = new ImportRuns({
    db: deps.db,
    timeZone: deps.timeZone ?? 'UTC',
    clock,
    ...(deps.pool ? { pool: deps.pool } : {}),
  });
  // Imports a crashed process left queued or running end as `interrupted`: at start-up, and every
  // minute for the other processes of a scaled-out deployment.
  const sweep = () =>
    runs.interruptOrphans().catch((error: unknown) => app.log.warn({ err: error }, 'import sweep failed'));
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    await sweep();
    timer = setInterval(() => void sweep(), 60_000);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await runs.drain();
  });
  await app.register(importRoutes, {
    db: deps.db,
    runs,
    clock,
    maxBytes: deps.maxBytes,
    ...(deps.spoolDir ? { spoolDir: deps.spoolDir } : {}),
  });
  await app.register(exportRoutes, {
    db: deps.db,
    clock,
    ...(deps.timeZone ? { timeZone: deps.timeZone } : {}),
  });
}
