import { listApps } from '@tessera/forms';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { sessionOf } from '../auth/auth.plugin';

/**
 * The flows whose every instance the viewer may follow (R12: managers see every flow's progress):
 * `app/flow` for each flow a role grants `monitor` on, `app/*` where the viewer is the app's admin.
 * System administrators see everything anyway (empty list).
 */
export async function monitoredFlows(request: FastifyRequest, db: Kysely<any>): Promise<string[]> {
  const { user } = sessionOf(request);
  if (user.isAdmin) return [];
  const { cache, db: accessDb } = request.server.access;
  const out: string[] = [];
  for (const app of await listApps(db)) {
    const access = await cache.get(accessDb, user.id, app.key);
    if (access.admin) out.push(`${app.key}/*`);
    else
      for (const [flow, permissions] of Object.entries(access.flows))
        if (permissions.includes('monitor')) out.push(`${app.key}/${flow}`);
  }
  return out;
}

/** Whether one instance is of a flow the viewer monitors. */
export function monitors(
  monitored: readonly string[],
  instance: { appKey: string; flowKey: string },
): boolean {
  return (
    monitored.includes(`${instance.appKey}/${instance.flowKey}`) || monitored.includes(`${instance.appKey}/*`)
  );
}
