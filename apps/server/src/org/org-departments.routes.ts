import { type Static, Type } from '@sinclair/typebox';
import { DepartmentPatch, NewDepartment, OrgIdParams, Problem } from '@tessera/api';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { ApiError } from '../errors/api-error';
import { createDepartment, deleteDepartment, listDepartments, updateDepartment } from './department.store';
import { orgActor } from './org-users.routes';

const tags = ['organisation'];
const DepartmentRef = Type.Unsafe({ $ref: 'OrgDepartment#' });

/** The department tree: list, create, rename/move/change manager, delete when empty (admins). */
export async function orgDepartmentRoutes(app: FastifyInstance, deps: { db: Kysely<any> }): Promise<void> {
  const { db } = deps;
  const one = async (id: string) => {
    const [department] = await listDepartments(db, id);
    if (!department) throw ApiError.notFound('No such department.');
    return department;
  };

  app.get(
    '/api/org/departments',
    {
      schema: {
        tags,
        summary: 'Every department, depth-first (parents before children), with manager and counts (admin)',
        response: { 200: Type.Array(DepartmentRef), 403: Problem },
      },
    },
    async (request) => {
      await orgActor(request);
      return listDepartments(db);
    },
  );

  app.post<{ Body: Static<typeof NewDepartment> }>(
    '/api/org/departments',
    {
      schema: {
        tags,
        summary: 'Create a department (admin)',
        body: NewDepartment,
        response: { 201: DepartmentRef, 400: Problem, 403: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const id = await createDepartment(db, request.body, await orgActor(request));
      return reply.status(201).send(await one(id));
    },
  );

  app.patch<{ Params: Static<typeof OrgIdParams>; Body: Static<typeof DepartmentPatch> }>(
    '/api/org/departments/:id',
    {
      schema: {
        tags,
        summary: 'Rename, move or change the manager of a department (admin)',
        description:
          'Moving a department under itself or one of its sub-departments is refused (409 DEPARTMENT_CYCLE).',
        params: OrgIdParams,
        body: DepartmentPatch,
        response: { 200: DepartmentRef, 400: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      await updateDepartment(db, request.params.id, request.body, await orgActor(request));
      return one(request.params.id);
    },
  );

  app.delete<{ Params: Static<typeof OrgIdParams> }>(
    '/api/org/departments/:id',
    {
      schema: {
        tags,
        summary: 'Delete an empty department (admin)',
        description: 'A department with members or sub-departments is refused (409 DEPARTMENT_NOT_EMPTY).',
        params: OrgIdParams,
        response: { 204: Type.Null(), 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      await deleteDepartment(db, request.params.id, await orgActor(request));
      return reply.status(204).send();
    },
  );
}
