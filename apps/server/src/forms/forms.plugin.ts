import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../config/clock';
import { formDesignRoutes } from './form-design.routes';
import { recordsRoutes } from './records.routes';

/** The forms engine's HTTP API: apps, form versions, records. */
export async function formsApi(
  app: FastifyInstance,
  deps: { db: Kysely<any>; timeZone?: string; clock?: Clock },
): Promise<void> {
  await app.register(formDesignRoutes, deps);
  await app.register(recordsRoutes, deps);
}
