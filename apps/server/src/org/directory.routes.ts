import { DirectoryOut, Problem } from '@tessera/api';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { sessionOf } from '../auth/auth.plugin';

/** The most names the directory answers with (an organisation larger than this needs a search). */
const DIRECTORY_LIMIT = 5000;

/**
 * Names for everyone signed in: the web app shows users and departments by name (user fields,
 * who changed a record, who approved) instead of ids. Only names — no e-mail, roles or status;
 * the org admin API (/api/org) stays the place for those.
 */
export async function directoryRoutes(app: FastifyInstance, deps: { db: Kysely<any> }): Promise<void> {
  app.get(
    '/api/directory',
    {
      schema: {
        tags: ['org'],
        summary: 'Names of active users and of departments (any signed-in user)',
        response: { 200: DirectoryOut, 401: Problem },
      },
    },
    async (request) => {
      sessionOf(request);
      const [users, departments] = await Promise.all([
        deps.db
          .selectFrom('tessera.users')
          .select(['id', 'username', 'display_name as displayName'])
          .where('status', '=', 'active')
          .orderBy('display_name')
          .limit(DIRECTORY_LIMIT)
          .execute(),
        deps.db
          .selectFrom('tessera.departments')
          .select(['id', 'code', 'name'])
          .orderBy('name')
          .limit(DIRECTORY_LIMIT)
          .execute(),
      ]);
      return { users, departments };
    },
  );
}
