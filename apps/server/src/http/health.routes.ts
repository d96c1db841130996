import { Health } from '@tessera/api';
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { ReportsDatabase } from '../reports/reports-database';

/** How long health waits for the embedded database before it checks whether it is busy. */
const BUSY_PROBE_MS = 500;

/** `promise`, or `late` when it has not settled within `ms`. */
function within<T, L>(promise: Promise<T>, ms: number, late: L): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<L>((resolve) => {
    timer = setTimeout(() => resolve(late), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function healthRoutes(
  app: FastifyInstance,
  deps: {
    db: Kysely<any>;
    kind: 'pglite' | 'postgres';
    version: string;
    /** The reports replica: reported, but a node whose replica is down still serves everything else. */
    reports?: Pick<ReportsDatabase, 'probe'>;
    /** The embedded database: how long its running statement has been running (undefined: idle). */
    busyForMs?: () => number | undefined;
  },
): Promise<void> {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const probe = sql`select 1`
        .execute(deps.db)
        .then(() => 'up' as const)
        .catch(() => 'down' as const);
      // the embedded database runs one statement at a time: behind a long one the probe would
      // wait for it, so after a short while "busy" answers instead (a server answers at once)
      const [answer, reports] = await Promise.all([
        deps.busyForMs ? within(probe, BUSY_PROBE_MS, 'late' as const) : probe,
        deps.reports?.probe(),
      ]);
      // the embedded database queues the probe behind a running statement: alive, just busy
      const busy = answer === 'late' && deps.busyForMs?.() !== undefined;
      const up = answer === 'up' || busy || (answer === 'late' && (await probe) === 'up');
      return reply.status(up ? 200 : 503).send({
        status: up ? 'ok' : 'unavailable',
        database: deps.kind,
        version: deps.version,
        ...(busy ? { busy } : {}),
        ...(reports ? { reports } : {}),
      });
    },
  );
}
