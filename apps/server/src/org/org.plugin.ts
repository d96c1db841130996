import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { refuseUnstorableInput } from '../http/storable-input.hook';
import { orgDepartmentRoutes } from './org-departments.routes';
import { orgRoleRoutes } from './org-roles.routes';
import { orgUserRoutes } from './org-users.routes';

/** The organisation admin API: users, departments, app roles and their members. Admins only. */
export async function orgApi(app: FastifyInstance, deps: { db: Kysely<any> }): Promise<void> {
  refuseUnstorableInput(app);
  await app.register(orgUserRoutes, deps);
  await app.register(orgDepartmentRoutes, deps);
  await app.register(orgRoleRoutes, deps);
}
