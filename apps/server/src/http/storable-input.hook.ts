import { findUnstorableText } from '@tessera/schema';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error';

/**
 * Refuses a request whose JSON body or query string holds text Postgres cannot store (a NUL, an
 * unpaired surrogate) with a 400 naming its path (`body/name`, `querystring/actor`), for routes
 * whose values go to the database as they are (users, departments, the audit filters, app and form designs, saved reports and dashboards) — without
 * it such a value is a driver error, a 500.
 */
export function refuseUnstorableInput(app: FastifyInstance): void {
  app.addHook('preValidation', refuseUnstorableRequest);
}

/** The same check for one route (`preValidation` in its options). */
export async function refuseUnstorableRequest(request: FastifyRequest): Promise<void> {
  const problem =
    findUnstorableText(request.query, 'querystring', 'pointer') ??
    findUnstorableText(request.body, 'body', 'pointer');
  if (problem) throw ApiError.validation([problem]);
}
