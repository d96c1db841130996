import { MonitoredOut } from '@tessera/api';
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { sessionOf } from '../auth/auth.plugin';
import { monitoredFlows } from './flow-monitors';

/**
 * Which flows the signed-in user may follow in full (R12: the manager's view of every running
 * flow): the web app shows the flow monitor only to them, and offers these flows as its filter.
 * Published flows only, with their titles; an app's admin (`app/*`) follows every flow of the app.
 */
export async function flowMonitorRoutes(app: FastifyInstance, deps: { db: Kysely<any> }): Promise<void> {
  app.get(
    '/api/flows/monitored',
    {
      schema: {
        tags: ['flows'],
        summary: 'The flows whose every instance I may follow (the flow monitor)',
        response: { 200: MonitoredOut },
      },
    },
    async (request) => {
      const all = sessionOf(request).user.isAdmin;
      const monitored = all ? [] : await monitoredFlows(request, deps.db);
      if (!all && monitored.length === 0) return { all, flows: [] };
      const rows = await sql<{
        app_key: string;
        key: string;
        definition: { title?: Record<string, string> };
      }>`
        select d.app_key, d.key, v.definition from tessera.flow_definitions d
        join tessera.flow_versions v on v.flow_id = d.id and v.version = d.published_version
        order by d.app_key, d.key`.execute(deps.db);
      const follows = (r: { app_key: string; key: string }) =>
        all || monitored.includes(`${r.app_key}/${r.key}`) || monitored.includes(`${r.app_key}/*`);
      return {
        all,
        flows: rows.rows
          .filter(follows)
          .map((r) => ({ app: r.app_key, flow: r.key, title: r.definition.title ?? null })),
      };
    },
  );
}
