import { type Static, Type } from '@sinclair/typebox';
import { exportBpmn, type FlowDefinitionService, importBpmn } from '@tessera/flows';
import type { FastifyInstance } from 'fastify';
import { sessionOf } from '../auth/auth.plugin';
import { ApiError } from '../errors/api-error';

const Problem = { $ref: 'Problem#' };
const Key = Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' });
const FlowParams = Type.Object({ app: Key, flow: Key });

/** BPMN 2.0 XML export of a published flow, and import of a diagram as a draft (admins). */
export async function flowBpmnRoutes(
  app: FastifyInstance,
  deps: { definitions: FlowDefinitionService },
): Promise<void> {
  const { definitions } = deps;
  const tags = ['flows'];
  const viewer = (request: Parameters<typeof sessionOf>[0]) => {
    const { user } = sessionOf(request);
    return { id: user.id, isAdmin: user.isAdmin };
  };

  app.get<{ Params: Static<typeof FlowParams> }>(
    '/api/apps/:app/flows/:flow/bpmn',
    {
      schema: {
        tags,
        summary: 'The published flow as BPMN 2.0 XML',
        params: FlowParams,
        response: { 404: Problem },
      },
    },
    async (request, reply) => {
      const published = await definitions.getPublished(request.params.app, request.params.flow);
      if (!published) throw ApiError.notFound(`Flow ${request.params.flow} has no published version.`);
      return reply.type('application/xml').send(await exportBpmn(published.definition));
    },
  );

  app.post<{ Params: { app: string }; Body: { xml: string; form?: string; key?: string } }>(
    '/api/apps/:app/flows/bpmn',
    {
      schema: {
        tags,
        summary: 'Import BPMN 2.0 XML as a flow draft (admins); elements outside the subset are listed',
        params: Type.Object({ app: Key }),
        body: Type.Object(
          {
            xml: Type.String({ minLength: 1, maxLength: 2_000_000 }),
            form: Type.Optional(Key),
            key: Type.Optional(Key),
          },
          { additionalProperties: false },
        ),
        response: { 400: Problem, 403: Problem },
      },
    },
    async (request) => {
      if (!viewer(request).isAdmin) throw ApiError.forbidden('Only administrators design flows.');
      const { xml, ...options } = request.body;
      const imported = await importBpmn(xml, options);
      if (!imported.ok) throw ApiError.validation(imported.errors, 'The diagram cannot be imported.');
      const saved = await definitions.saveDraft(request.params.app, imported.definition);
      if (!saved.ok) throw ApiError.validation(saved.errors, 'The flow is not valid.');
      return { key: imported.definition.key };
    },
  );
}
