import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { ReportsDatabase } from '../reports/reports-database';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  version: Type.String(),
  busy: Type.Optional(
    Type.Boolean({
      description:
        'The embedded database is running a long statement (it runs one at a time); it answers again when that ends or is stopped at its time limit.',
    }),
  ),
  reports: Type.Optional(
    Type.Object(
      {
        status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
        standby: Type.Optional(Type.Boolean()),
      },
      {
        description: 'The read replica of REPORTS_DATABASE_URL (only when set); it does not change `status`.',
      },
    ),
  ),
});

/** Health answers within about this long, whatever the database is doing. */
const PROBE_TIMEOUT_MS = 500;

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
      let timer: NodeJS.Timeout | undefined;
      const [answer, reports] = await Promise.all([
        Promise.race([
          sql`select 1`
            .execute(deps.db)
            .then(() => 'up' as const)
            .catch(() => 'down' as const),
          new Promise<'late'>((resolve) => {
            timer = setTimeout(() => resolve('late'), PROBE_TIMEOUT_MS);
          }),
        ]),
        deps.reports?.probe(),
      ]);
      clearTimeout(timer);
      // the embedded database queues the probe behind a running statement: alive, just busy
      const busy = answer === 'late' && deps.busyForMs?.() !== undefined;
      const up = answer === 'up' || busy;
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
