import { type Static, Type } from '@sinclair/typebox';
import { AppParams, Problem, RoleMember, RoleMemberParams, RoleParams } from '@tessera/api';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { ApiError } from '../errors/api-error';
import { listAppRoles, listRoleMembers, setRoleMember } from './app-role.store';
import { orgActor } from './org-users.routes';

const tags = ['organisation'];
/** An app's roles with their grants, and their members (admins). */
export async function orgRoleRoutes(app: FastifyInstance, deps: { db: Kysely<any> }): Promise<void> {
  const { db } = deps;

  app.get<{ Params: Static<typeof AppParams> }>(
    '/api/apps/:app/roles',
    {
      schema: {
        tags,
        summary: "An app's roles with their grants per form and their number of active members (admin)",
        params: AppParams,
        response: { 200: Type.Array(Type.Unsafe({ $ref: 'OrgAppRole#' })), 403: Problem, 404: Problem },
      },
    },
    async (request) => {
      await orgActor(request);
      const roles = await listAppRoles(db, request.params.app);
      if (!roles) throw ApiError.notFound(`No app ${request.params.app}.`);
      return roles;
    },
  );

  app.get<{ Params: Static<typeof RoleParams> }>(
    '/api/apps/:app/roles/:role/members',
    {
      schema: {
        tags,
        summary: 'Members of a role (admin)',
        params: RoleParams,
        response: { 200: Type.Array(RoleMember), 403: Problem, 404: Problem },
      },
    },
    async (request) => {
      await orgActor(request);
      return listRoleMembers(db, request.params.app, request.params.role);
    },
  );

  for (const [method, member] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    app[method]<{ Params: Static<typeof RoleMemberParams> }>(
      '/api/apps/:app/roles/:role/members/:userId',
      {
        schema: {
          tags,
          summary: member
            ? 'Add a user to a role (admin; idempotent)'
            : 'Remove a user from a role (admin; idempotent)',
          params: RoleMemberParams,
          response: { 204: Type.Null(), 403: Problem, 404: Problem },
        },
      },
      async (request, reply) => {
        const { app: appKey, role, userId } = request.params;
        await setRoleMember(db, { app: appKey, role, userId }, member, await orgActor(request));
        return reply.status(204).send();
      },
    );
  }
}
