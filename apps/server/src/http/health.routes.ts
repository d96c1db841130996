import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { ReportsDatabase } from '../reports/reports-database';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  version: Type.String(),
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

export async function healthRoutes(
  app: FastifyInstance,
  deps: {
    db: Kysely<any>;
    kind: 'pglite' | 'postgres';
    version: string;
    /** The reports replica: reported, but a node whose replica is down still serves everything else. */
    reports?: Pick<ReportsDatabase, 'probe'>;
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
      const [up, reports] = await Promise.all([
        sql`select 1`
          .execute(deps.db)
          .then(() => true)
          .catch(() => false),
        deps.reports?.probe(),
      ]);
      return reply.status(up ? 200 : 503).send({
        status: up ? 'ok' : 'unavailable',
        database: deps.kind,
        version: deps.version,
        ...(reports ? { reports } : {}),
      });
    },
  );
}
