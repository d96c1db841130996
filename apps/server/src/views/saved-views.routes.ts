import type { Static } from '@sinclair/typebox';
import { Problem, ViewIn, ViewList, ViewOut, ViewParams, ViewPatch, ViewsParams } from '@tessera/api';
import { createFormService } from '@tessera/forms';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { type Authorization, authorize } from '../access/authorize';
import { type Clock, systemClock } from '../config/clock';
import { ApiError } from '../errors/api-error';
import { deleteView, findView, insertView, listViews, type SavedView, updateView } from './saved-views.store';
import { viewSettingsProblems } from './view-settings.check';

/** Sharing a view changes what everyone who reads the form is offered: those who may design it. */
const canShare = (who: Authorization) => who.isAdmin || (who.form?.actions.includes('design') ?? false);
const mayEdit = (who: Authorization, view: SavedView) =>
  view.ownerId === who.userId || (view.shared && canShare(who));

function out(who: Authorization, view: SavedView) {
  return {
    id: view.id,
    name: view.name,
    shared: view.shared,
    settings: view.settings,
    version: view.version,
    owner: { id: view.ownerId, displayName: view.ownerName },
    mine: view.ownerId === who.userId,
    editable: mayEdit(who, view),
    updatedAt: view.updatedAt,
  };
}

/**
 * Saved list views of a form: each user's private views and the shared ones. Anyone who may read
 * the form keeps views of their own; sharing one (or changing a shared one someone else saved)
 * needs the form's design permission (administrators, app admin roles). A private view of
 * someone else does not exist for the caller (404).
 */
export async function savedViewRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<any>; clock?: Clock },
): Promise<void> {
  const { db } = deps;
  const clock = deps.clock ?? systemClock;
  const tags = ['views'];
  const base = '/api/apps/:app/forms/:form/views';

  /** The fields the caller may see on the published form (views name only those). */
  async function visibleFields(who: Authorization, appKey: string, form: string): Promise<Set<string>> {
    const published = await createFormService({ db, actor: { id: who.userId }, clock }).getPublished(
      appKey,
      form,
    );
    if (!published) throw ApiError.notFound(`Form ${appKey}.${form} is not published.`);
    const hidden = new Set(who.form?.hidden ?? []);
    return new Set(published.definition.fields.map((f) => f.key).filter((k) => !hidden.has(k)));
  }

  async function editableView(request: FastifyRequest<{ Params: Static<typeof ViewParams> }>) {
    const { app: appKey, form, id } = request.params;
    const who = await authorize(request, { app: appKey, form, action: 'record.read' });
    const view = await findView(db, { app: appKey, form }, id, who.userId);
    if (!view) throw ApiError.notFound('No such view.');
    if (!mayEdit(who, view))
      throw ApiError.forbidden('Only its owner or one who may share views changes a shared view.');
    return { who, view };
  }

  const conflict = (reason: 'name_taken' | 'stale' | 'gone') => {
    if (reason === 'name_taken')
      return new ApiError('CONFLICT', 'You already have a view of this name.', [
        { path: 'name', message: 'is taken' },
      ]);
    if (reason === 'stale')
      return new ApiError('STALE_VERSION', 'The view was changed meanwhile: reload it.');
    return ApiError.notFound('No such view.');
  };

  app.get<{ Params: Static<typeof ViewsParams> }>(
    base,
    {
      schema: {
        tags,
        summary: "The caller's saved views of the form and the shared ones",
        params: ViewsParams,
        response: { 200: ViewList, 403: Problem, 404: Problem },
      },
    },
    async (request) => {
      const { app: appKey, form } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'record.read' });
      const views = await listViews(db, { app: appKey, form }, who.userId);
      return { items: views.map((v) => out(who, v)), canShare: canShare(who) };
    },
  );

  app.post<{ Params: Static<typeof ViewsParams>; Body: Static<typeof ViewIn> }>(
    base,
    {
      schema: {
        tags,
        summary: 'Save the list settings as a view (shared: needs the form design permission)',
        params: ViewsParams,
        body: ViewIn,
        response: { 201: ViewOut, 400: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const { app: appKey, form } = request.params;
      const { name, shared = false, settings } = request.body;
      const who = await authorize(request, { app: appKey, form, action: 'record.read' });
      if (shared && !canShare(who)) throw ApiError.forbidden('You may not share views of this form.');
      const problems = viewSettingsProblems(settings, await visibleFields(who, appKey, form));
      if (problems.length) throw ApiError.validation(problems);
      const saved = await insertView(
        db,
        { app: appKey, form },
        { ownerId: who.userId, name: name.trim(), shared, settings, at: clock.now() },
      );
      if (!saved.ok) throw conflict(saved.reason);
      const view = await findView(db, { app: appKey, form }, saved.value, who.userId);
      return reply.status(201).send(out(who, view!));
    },
  );

  app.patch<{ Params: Static<typeof ViewParams>; Body: Static<typeof ViewPatch> }>(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Rename, share or unshare a view, or overwrite its settings',
        params: ViewParams,
        body: ViewPatch,
        response: { 200: ViewOut, 400: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const { app: appKey, form, id } = request.params;
      const { who } = await editableView(request);
      const { version, name, shared, settings } = request.body;
      if (shared !== undefined && !canShare(who))
        throw ApiError.forbidden('You may not share views of this form.');
      if (settings) {
        const problems = viewSettingsProblems(settings, await visibleFields(who, appKey, form));
        if (problems.length) throw ApiError.validation(problems);
      }
      const saved = await updateView(db, id, {
        version,
        ...(name !== undefined ? { name: name.trim() } : {}),
        ...(shared !== undefined ? { shared } : {}),
        ...(settings ? { settings } : {}),
        at: clock.now(),
      });
      if (!saved.ok) throw conflict(saved.reason);
      const view = await findView(db, { app: appKey, form }, id, who.userId);
      if (!view) throw ApiError.notFound('No such view.');
      return out(who, view);
    },
  );

  app.delete<{ Params: Static<typeof ViewParams> }>(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Delete a view',
        params: ViewParams,
        response: { 204: { type: 'null' }, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const { view } = await editableView(request);
      await deleteView(db, view.id);
      return reply.status(204).send();
    },
  );
}
