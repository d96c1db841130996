import { type Static, Type } from '@sinclair/typebox';
import {
  NewOrgUser,
  OrgIdParams,
  OrgUserPatch,
  PasswordReset,
  Problem,
  UserListQuery,
  UserPage,
} from '@tessera/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { ApiError } from '../errors/api-error';
import { requireAdmin } from './admin-guard';
import type { OrgActor } from './org-refs.checker';
import { readOrgUser, readOrgUsers } from './org-user.reader';
import { createOrgUser, resetPassword, updateOrgUser } from './org-user.writer';

const tags = ['organisation'];
const OrgUserRef = { $ref: 'OrgUser#' };

/** The acting administrator, for audit rows. */
export async function orgActor(request: FastifyRequest): Promise<OrgActor> {
  const admin = await requireAdmin(request, 'org.manage');
  return { id: admin.userId, username: admin.username, ip: request.ip };
}

/** Users: list with department, manager and roles; create, disable, move, reset a password (admins). */
export async function orgUserRoutes(app: FastifyInstance, deps: { db: Kysely<any> }): Promise<void> {
  const { db } = deps;

  app.get<{ Querystring: Static<typeof UserListQuery> }>(
    '/api/org/users',
    {
      schema: {
        tags,
        summary: 'Users with their department, manager and roles, by user name (admin)',
        querystring: UserListQuery,
        response: { 200: UserPage, 401: Problem, 403: Problem },
      },
    },
    async (request) => {
      await orgActor(request);
      const { limit = 100, after, ...filter } = request.query;
      const rows = await readOrgUsers(db, { ...filter, after: after?.toLowerCase(), limit: limit + 1 });
      const items = rows.slice(0, limit);
      return { items, next: rows.length > limit ? items[items.length - 1]!.username.toLowerCase() : null };
    },
  );

  app.get<{ Params: Static<typeof OrgIdParams> }>(
    '/api/org/users/:id',
    {
      schema: {
        tags,
        summary: 'One user with department, manager and roles (admin)',
        params: OrgIdParams,
        response: { 200: OrgUserRef, 403: Problem, 404: Problem },
      },
    },
    async (request) => {
      await orgActor(request);
      const user = await readOrgUser(db, request.params.id);
      if (!user) throw ApiError.notFound('No such user.');
      return user;
    },
  );

  app.post<{ Body: Static<typeof NewOrgUser> }>(
    '/api/org/users',
    {
      schema: {
        tags,
        summary: 'Create a user under the password policy (admin)',
        body: NewOrgUser,
        response: { 201: OrgUserRef, 400: Problem, 403: Problem },
      },
    },
    async (request, reply) => {
      const id = await createOrgUser(db, request.body, await orgActor(request));
      return reply.status(201).send(await readOrgUser(db, id));
    },
  );

  app.patch<{ Params: Static<typeof OrgIdParams>; Body: Static<typeof OrgUserPatch> }>(
    '/api/org/users/:id',
    {
      schema: {
        tags,
        summary: 'Change a user: name, e-mail, admin flag, disable/enable, department, manager (admin)',
        description:
          'Disabling a user ends their sessions. The last active administrator cannot be disabled or demoted (409 LAST_ADMIN).',
        params: OrgIdParams,
        body: OrgUserPatch,
        response: { 200: OrgUserRef, 400: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      await updateOrgUser(db, request.params.id, request.body, await orgActor(request));
      return readOrgUser(db, request.params.id);
    },
  );

  app.post<{ Params: Static<typeof OrgIdParams>; Body: Static<typeof PasswordReset> }>(
    '/api/org/users/:id/password',
    {
      schema: {
        tags,
        summary: "Set a user's password under the password policy; ends their other sessions (admin)",
        params: OrgIdParams,
        body: PasswordReset,
        response: { 204: Type.Null(), 400: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const actor = await orgActor(request);
      await resetPassword(db, request.params.id, request.body.password, {
        ...actor,
        sessionTokenHash: request.session?.tokenHash,
      });
      return reply.status(204).send();
    },
  );
}
