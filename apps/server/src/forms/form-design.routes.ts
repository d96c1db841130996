import { type Static, Type } from '@sinclair/typebox';
import { formAccessOf } from '@tessera/access';
import {
  AppOut,
  AppParams,
  Definition,
  DraftOut,
  FormOut,
  FormParams,
  FormPlanOut,
  FormVersionParams,
  NewApp,
  Problem,
  PublishedOut,
  PublishOut,
  VersionOut,
} from '@tessera/api';
import { createFormService, listApps, listForms } from '@tessera/forms';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { authorize } from '../access/authorize';
import { type Clock, systemClock } from '../config/clock';
import { ApiError } from '../errors/api-error';
import { refuseUnstorableInput } from '../http/storable-input.hook';
import { definitionFor, isDesigner } from './form-definition.access';
import { engineCall, refusedPublish } from './forms-error.mapper';

/** Apps, forms and form versions: draft → plan → publish. Thin adapters over the form service. */
export async function formDesignRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<any>; clock?: Clock; timeZone?: string },
): Promise<void> {
  const { db } = deps;
  refuseUnstorableInput(app);
  const forms = (userId: string) =>
    createFormService({
      db,
      actor: { id: userId },
      clock: deps.clock ?? systemClock,
      timeZone: deps.timeZone,
    });
  const tags = ['forms'];

  app.get(
    '/api/apps',
    { schema: { tags, summary: 'Installed apps', response: { 200: Type.Array(AppOut), 401: Problem } } },
    async (request) => {
      const who = await authorize(request, { action: 'app.list' });
      const apps = await listApps(db);
      if (who.isAdmin) return apps;
      // a member sees the apps on which they hold a role (the others do not exist for them)
      const { cache, db: accessDb } = request.server.access;
      const held = await Promise.all(apps.map((a) => cache.get(accessDb, who.userId, a.key)));
      return apps.filter((_, i) => held[i]!.roles.length > 0 || held[i]!.admin);
    },
  );

  app.post<{ Body: Static<typeof NewApp> }>(
    '/api/apps',
    {
      schema: {
        tags,
        summary: 'Create an app (admin)',
        body: NewApp,
        response: { 201: AppOut, 400: Problem, 403: Problem },
      },
    },
    async (request, reply) => {
      const who = await authorize(request, { app: request.body.key, action: 'app.create' });
      await engineCall(() => forms(who.userId).ensureApp(request.body.key, request.body.title ?? {}));
      const created = (await listApps(db)).find((a) => a.key === request.body.key);
      return reply.status(201).send(created);
    },
  );

  app.get<{ Params: Static<typeof AppParams> }>(
    '/api/apps/:app/forms',
    {
      schema: {
        tags,
        summary: 'Forms of an app',
        params: AppParams,
        response: { 200: Type.Array(FormOut), 404: Problem },
      },
    },
    async (request) => {
      const who = await authorize(request, { app: request.params.app, action: 'form.read' });
      const list = await listForms(db, request.params.app);
      if (!list) throw ApiError.notFound(`No app ${request.params.app}.`);
      // a member sees the forms their roles name (the others do not exist for them)
      const access = who.app;
      return access && !access.admin
        ? list.filter((f) => formAccessOf(access, f.key).actions.length > 0)
        : list;
    },
  );

  app.get<{ Params: Static<typeof FormParams> }>(
    '/api/apps/:app/forms/:form',
    {
      schema: {
        tags,
        summary: 'The published definition of a form',
        params: FormParams,
        response: { 200: PublishedOut, 404: Problem },
      },
    },
    async (request) => {
      const { app: appKey, form } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'form.read' });
      const published = await engineCall(() => forms(who.userId).getPublished(appKey, form));
      if (!published) throw ApiError.notFound(`App ${appKey} has no published form ${form}.`);
      return {
        ...published,
        definition: definitionFor(who, form, published.definition),
        actions: [...(who.form?.actions ?? [])],
      };
    },
  );

  app.post<{ Params: Static<typeof FormParams>; Body: Record<string, unknown> }>(
    '/api/apps/:app/forms/:form/versions',
    {
      schema: {
        tags,
        summary: 'Save a draft version of a form (admin)',
        params: FormParams,
        body: Definition,
        response: { 201: DraftOut, 400: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const { app: appKey, form } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'form.design' });
      if (request.body.key !== form)
        throw ApiError.validation([{ path: '/key', message: `must be "${form}" (the form in the URL)` }]);
      const result = await engineCall(() => forms(who.userId).saveDraft(appKey, request.body));
      if (!result.ok)
        throw ApiError.validation(
          result.errors.map((e) => ({ path: e.path, message: e.message })),
          'The form definition is invalid.',
        );
      return reply.status(201).send({ version: result.version });
    },
  );

  app.get<{ Params: Static<typeof FormParams> }>(
    '/api/apps/:app/forms/:form/versions',
    {
      schema: {
        tags,
        summary: 'Versions of a form',
        params: FormParams,
        response: { 200: Type.Array(VersionOut), 404: Problem },
      },
    },
    async (request) => {
      const { app: appKey, form } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'form.read' });
      const versions = await engineCall(() => forms(who.userId).listVersions(appKey, form));
      // drafts are the designers' work in progress; users see what was published, masked for them
      return versions
        .filter((v) => v.status !== 'draft' || isDesigner(who, form))
        .map((v) => ({
          version: v.version,
          status: v.status,
          createdAt: v.createdAt.toISOString(),
          publishedAt: v.publishedAt?.toISOString() ?? null,
          definition: definitionFor(who, form, v.definition),
        }));
    },
  );

  app.get<{ Params: Static<typeof FormVersionParams> }>(
    '/api/apps/:app/forms/:form/versions/:v/plan',
    {
      schema: {
        tags,
        summary: 'The migration plan of publishing a draft (nothing is changed)',
        params: FormVersionParams,
        response: { 200: FormPlanOut, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const { app: appKey, form, v } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'form.design' });
      return engineCall(() => forms(who.userId).plan(appKey, form, v));
    },
  );

  app.post<{ Params: Static<typeof FormVersionParams> }>(
    '/api/apps/:app/forms/:form/versions/:v/publish',
    {
      schema: {
        tags,
        summary: 'Publish a draft in one transaction (admin)',
        params: FormVersionParams,
        response: {
          200: PublishOut,
          403: Problem,
          404: Problem,
          409: Problem,
        },
      },
    },
    async (request) => {
      const { app: appKey, form, v } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'form.design' });
      const result = await engineCall(() => forms(who.userId).publish(appKey, form, v));
      if (!result.ok) throw refusedPublish(result.plan.refusals);
      return { version: result.version, plan: result.plan };
    },
  );
}
