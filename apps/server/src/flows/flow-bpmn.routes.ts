import type { Static } from '@sinclair/typebox';
import { formAccessOf } from '@tessera/access';
import { AppParams, BpmnImportBody, BpmnImportedOut, BpmnXmlOut, FlowParams, Problem } from '@tessera/api';
import { bpmnProblems, exportBpmn, type FlowDefinitionService, importBpmn } from '@tessera/flows';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { type Authorization, authorize } from '../access/authorize';
import { sessionOf } from '../auth/auth.plugin';
import { ApiError } from '../errors/api-error';
import { readBpmnDirectory } from './bpmn-directory.reader';

/**
 * A flow's definition names its form's fields (step field permissions, conditions): a member sees
 * it only for a flow their roles let them start or monitor, on a form from which nothing is
 * hidden from them. Admins see every flow.
 */
function flowDefinitionVisible(who: Authorization, flow: string, form: string): 'all' | 'masked' | 'none' {
  const app = who.app;
  if (!app || app.admin) return 'all';
  if ((app.flows[flow] ?? []).length === 0) return 'none';
  return formAccessOf(app, form).hidden.length === 0 ? 'all' : 'masked';
}
/** BPMN 2.0 XML export of a published flow, and import of a diagram as a draft (admins). */
export async function flowBpmnRoutes(
  app: FastifyInstance,
  deps: { definitions: FlowDefinitionService; db: Kysely<any> },
): Promise<void> {
  const { definitions, db } = deps;
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
        summary: 'The published flow as BPMN 2.0 XML (admins; members: flows they may start or monitor)',
        params: FlowParams,
        response: { 200: BpmnXmlOut, 404: Problem },
      },
    },
    async (request, reply) => {
      const { app: appKey, flow } = request.params;
      // the app's members only (others: no app), then see flowDefinitionVisible
      const who = await authorize(request, { app: appKey, action: 'form.read' });
      const published = await definitions.getPublished(appKey, flow);
      const visible = published ? flowDefinitionVisible(who, flow, published.definition.form) : 'none';
      if (!published || visible === 'none') throw ApiError.notFound(`Flow ${flow} has no published version.`);
      if (visible === 'masked') throw ApiError.forbidden('The flow names fields hidden from you.');
      return reply.type('application/xml').send(await exportBpmn(published.definition));
    },
  );

  app.post<{ Params: { app: string }; Body: { xml: string; form?: string; key?: string; process?: string } }>(
    '/api/apps/:app/flows/bpmn',
    {
      schema: {
        tags,
        summary:
          "Import BPMN 2.0 XML as a flow draft (admins): { key, warnings }; Camunda assignees, candidate users / groups and lane names map onto the app's roles, departments, users and the form's user fields (what maps to nobody is a warning); a refusal lists every problem at once — each element outside the subset by id, name and type — in BPMN ids and names",
        params: AppParams,
        body: BpmnImportBody,
        response: { 200: BpmnImportedOut, 400: Problem, 403: Problem },
      },
    },
    async (request) => {
      if (!viewer(request).isAdmin) throw ApiError.forbidden('Only administrators design flows.');
      const { xml, ...options } = request.body;
      // Camunda assignees, candidate users / groups and lanes map onto the app's people
      const directory = await readBpmnDirectory(db, request.params.app, options.form);
      const imported = await importBpmn(xml, { ...options, directory });
      if (!imported.ok) throw ApiError.validation(imported.errors, 'The diagram cannot be imported.');
      // the same checks as every other way in (the form, its fields, roles…), said in BPMN terms
      const saved = await definitions.saveDraft(request.params.app, imported.definition);
      if (!saved.ok)
        throw ApiError.validation(bpmnProblems(imported.definition, saved.errors), 'The flow is not valid.');
      return { key: imported.definition.key, warnings: imported.warnings };
    },
  );
}
