import type { Static } from '@sinclair/typebox';
import {
  PdfOut,
  PrintBatchIn,
  PrintDraftIn,
  PrintDraftOut,
  PrintOneParams,
  PrintPreviewIn,
  PrintPublishIn,
  PrintQuery,
  PrintSavedOut,
  PrintTemplateIn,
  PrintTemplateList,
  PrintTemplateOut,
  TemplateParams,
  TemplatesParams,
} from '@tessera/api';
import { createRecordService } from '@tessera/forms';
import { createPrintService, type PrintedPdf, type PrintFileSource } from '@tessera/print';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { type Authorization, authorize } from '../access/authorize';
import { writeAudit } from '../audit/audit-log';
import { sessionOf } from '../auth/auth.plugin';
import { type Clock, systemClock } from '../config/clock';
import { ApiError } from '../errors/api-error';
import { engineCall } from '../errors/engine-call';
import { refuseUnstorableRequest } from '../http/storable-input.hook';

/**
 * Print templates and printing: records as PDF documents. A record prints for anyone who may
 * read it (as the records API's get: row scope and hidden fields apply to what is printed); a
 * batch needs the form's `print` permission. Every print is written to the audit log.
 */
export async function printRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<any>; timeZone?: string; clock?: Clock; files?: PrintFileSource },
): Promise<void> {
  const { db } = deps;
  const clock = deps.clock ?? systemClock;
  const timeZone = deps.timeZone ?? 'UTC';
  const tags = ['print'];
  const service = (who: { userId: string }) =>
    createPrintService({
      db,
      actor: { id: who.userId },
      clock,
      timeZone,
      ...(deps.files ? { files: deps.files } : {}),
    });
  const records = (who: Authorization) =>
    createRecordService({
      db,
      actor: { id: who.userId },
      ...(who.records ? { access: who.records } : {}),
      clock,
      timeZone,
    });

  async function sendPdf(
    request: FastifyRequest,
    reply: FastifyReply,
    who: Authorization,
    target: { app: string; form: string; template: string; ids: readonly string[]; download?: boolean },
  ) {
    const user = sessionOf(request).user;
    const printed: PrintedPdf = await engineCall(() =>
      service(who).print(
        target.app,
        target.form,
        target.template,
        target.ids,
        records(who),
        user.displayName,
      ),
    );
    await writeAudit(db, {
      action: 'record.print',
      actorId: who.userId,
      actorName: user.username,
      targetType: 'record',
      targetId: target.ids.length === 1 ? target.ids[0]! : `${target.ids.length} records`,
      ip: request.ip,
      detail: {
        app: target.app,
        form: target.form,
        template: target.template,
        ids: target.ids,
        pages: printed.pages,
      },
    });
    const disposition = target.download ? 'attachment' : 'inline';
    return reply
      .header('content-type', 'application/pdf')
      .header(
        'content-disposition',
        `${disposition}; filename="print.pdf"; filename*=UTF-8''${encodeURIComponent(printed.fileName)}`,
      )
      .header('cache-control', 'private, no-store')
      .header('x-print-pages', String(printed.pages))
      .send(printed.pdf);
  }

  app.get<{ Params: Static<typeof TemplatesParams> }>(
    '/api/apps/:app/forms/:form/print-templates',
    {
      schema: {
        tags,
        summary: "The form's print templates (for the Print button)",
        params: TemplatesParams,
        response: { 200: PrintTemplateList },
      },
    },
    async (request) => {
      const { app: appKey, form } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'record.read' });
      const items = await service(who).listTemplates(appKey, form);
      return {
        items: items.map((t) => ({
          key: t.definition.key,
          form: t.definition.form,
          title: t.definition.title as Record<string, string>,
          version: t.version,
          updatedAt: t.updatedAt,
        })),
        // admins hold full access; a member needs the form's print permission (as the batch route)
        batch: who.form?.actions.includes('print') ?? false,
      };
    },
  );

  app.get<{ Params: Static<typeof TemplateParams> }>(
    '/api/apps/:app/forms/:form/print-templates/:template',
    {
      schema: {
        tags,
        summary: 'A print template (for the template editor)',
        params: TemplateParams,
        response: { 200: PrintTemplateOut },
      },
    },
    async (request) => {
      const { app: appKey, form, template } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'form.design' });
      const stored = await service(who).getTemplate(appKey, template);
      if (!stored || stored.definition.form !== form)
        throw ApiError.notFound(`Form ${form} has no print template ${template}.`);
      return {
        version: stored.version,
        updatedAt: stored.updatedAt,
        definition: stored.definition as Record<string, unknown>,
        ...(stored.draft ? { draft: stored.draft } : {}),
      };
    },
  );

  app.put<{ Params: Static<typeof TemplateParams>; Body: Static<typeof PrintTemplateIn> }>(
    '/api/apps/:app/forms/:form/print-templates/:template',
    {
      preValidation: refuseUnstorableRequest,
      schema: {
        tags,
        summary: 'Save a print template (every problem by path; stale version → 409)',
        params: TemplateParams,
        body: PrintTemplateIn,
        response: { 200: PrintSavedOut },
      },
    },
    async (request) => {
      const { app: appKey, form, template } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'form.design' });
      const { definition, version } = request.body;
      const errors = [
        ...(definition.key !== template
          ? [{ path: '/key', message: `must be ${template}, the key in the address` }]
          : []),
        ...(definition.form !== form
          ? [{ path: '/form', message: `must be ${form}, the form in the address` }]
          : []),
      ];
      if (errors.length > 0) throw ApiError.validation(errors);
      const saved = await service(who).saveTemplate(appKey, definition, version);
      if (saved.ok) {
        await auditTemplate(request, who, 'print_template.save', {
          app: appKey,
          form,
          template,
          version: saved.version,
        });
        return { version: saved.version };
      }
      if (saved.stale) throw new ApiError('STALE_VERSION', 'The template was changed meanwhile: reload it.');
      throw ApiError.validation(saved.errors, 'The print template is invalid.');
    },
  );

  /** A template of `form` the caller may design (form.design), or 404. */
  async function designable(request: FastifyRequest, params: Static<typeof TemplateParams>) {
    const who = await authorize(request, { app: params.app, form: params.form, action: 'form.design' });
    const stored = await service(who).getTemplate(params.app, params.template);
    if (!stored || stored.definition.form !== params.form)
      throw ApiError.notFound(`Form ${params.form} has no print template ${params.template}.`);
    return { who, stored };
  }

  function auditTemplate(
    request: FastifyRequest,
    who: Authorization,
    action: string,
    detail: { app: string; form: string; template: string; version?: number },
  ) {
    return writeAudit(db, {
      action,
      actorId: who.userId,
      actorName: sessionOf(request).user.username,
      targetType: 'print_template',
      targetId: `${detail.app}.${detail.template}`,
      ip: request.ip,
      detail,
    });
  }

  /** The address names the template: a definition naming another key or form is refused by path. */
  function sameAddress(definition: Record<string, unknown>, params: Static<typeof TemplateParams>) {
    const errors = [
      ...(definition.key !== params.template
        ? [{ path: '/key', message: `must be ${params.template}, the key in the address` }]
        : []),
      ...(definition.form !== params.form
        ? [{ path: '/form', message: `must be ${params.form}, the form in the address` }]
        : []),
    ];
    if (errors.length > 0)
      throw new ApiError('PRINT_TEMPLATE_INVALID', 'The print template is invalid.', errors);
  }

  app.put<{ Params: Static<typeof TemplateParams>; Body: Static<typeof PrintDraftIn> }>(
    '/api/apps/:app/forms/:form/print-templates/:template/draft',
    {
      preValidation: refuseUnstorableRequest,
      schema: {
        tags,
        summary:
          "Save the template editor's draft (the published template keeps printing); answers what publishing would refuse",
        params: TemplateParams,
        body: PrintDraftIn,
        response: { 200: PrintDraftOut },
      },
    },
    async (request) => {
      const { who } = await designable(request, request.params);
      const { app: appKey, form, template } = request.params;
      sameAddress(request.body.definition, request.params);
      const saved = await service(who).saveDraft(appKey, template, request.body.definition);
      if (!saved.ok) throw ApiError.notFound(`Form ${form} has no print template ${template}.`);
      await auditTemplate(request, who, 'print_template.draft', { app: appKey, form, template });
      return { problems: [...saved.problems] };
    },
  );

  app.post<{ Params: Static<typeof TemplateParams>; Body: Static<typeof PrintPublishIn> }>(
    '/api/apps/:app/forms/:form/print-templates/:template/publish',
    {
      schema: {
        tags,
        summary: 'Publish the draft: checked (every problem by path), then it prints; stale version → 409',
        params: TemplateParams,
        body: PrintPublishIn,
        response: { 200: PrintSavedOut },
      },
    },
    async (request) => {
      const { who, stored } = await designable(request, request.params);
      const { app: appKey, form, template } = request.params;
      if (!stored.draft)
        throw new ApiError('PRINT_TEMPLATE_NO_DRAFT', `Template ${template} has no draft to publish.`);
      const published = await service(who).publishDraft(appKey, template, request.body.version);
      if (!published.ok) {
        if (published.stale)
          throw new ApiError('STALE_VERSION', 'The template was published meanwhile: reload it.');
        throw new ApiError('PRINT_TEMPLATE_INVALID', 'The print template is invalid.', published.errors);
      }
      await auditTemplate(request, who, 'print_template.publish', {
        app: appKey,
        form,
        template,
        version: published.version,
      });
      return { version: published.version };
    },
  );

  app.post<{ Params: Static<typeof PrintOneParams>; Body: Static<typeof PrintPreviewIn> }>(
    '/api/apps/:app/forms/:form/records/:id/print-preview/:template',
    {
      preValidation: refuseUnstorableRequest,
      schema: {
        tags,
        summary:
          "A record as a PDF printed with an unsaved template (the editor's live preview; nothing is stored)",
        params: PrintOneParams,
        body: PrintPreviewIn,
        response: { 200: PdfOut },
      },
    },
    async (request, reply) => {
      const { who } = await designable(request, request.params);
      const { app: appKey, id } = request.params;
      sameAddress(request.body.definition, request.params);
      const user = sessionOf(request).user;
      const result = await engineCall(() =>
        service(who).preview(appKey, request.body.definition, id, records(who), user.displayName),
      );
      if (!result.ok)
        throw new ApiError('PRINT_TEMPLATE_INVALID', 'The print template is invalid.', result.errors);
      return reply
        .header('content-type', 'application/pdf')
        .header('cache-control', 'private, no-store')
        .header('x-print-pages', String(result.pages))
        .send(result.pdf);
    },
  );

  app.get<{ Params: Static<typeof PrintOneParams>; Querystring: Static<typeof PrintQuery> }>(
    '/api/apps/:app/forms/:form/records/:id/print/:template',
    {
      schema: {
        tags,
        summary: 'A record as a PDF document, printed with a template',
        params: PrintOneParams,
        querystring: PrintQuery,
        response: { 200: PdfOut },
      },
    },
    async (request, reply) => {
      const { app: appKey, form, id, template } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'record.read' });
      return sendPdf(request, reply, who, {
        app: appKey,
        form,
        template,
        ids: [id],
        download: request.query.download ?? false,
      });
    },
  );

  app.post<{
    Params: Static<typeof TemplateParams>;
    Body: Static<typeof PrintBatchIn>;
    Querystring: Static<typeof PrintQuery>;
  }>(
    '/api/apps/:app/forms/:form/records/print/:template',
    {
      schema: {
        tags,
        summary: 'Several records as one PDF (batch print; needs the print permission)',
        params: TemplateParams,
        querystring: PrintQuery,
        body: PrintBatchIn,
        response: { 200: PdfOut },
      },
    },
    async (request, reply) => {
      const { app: appKey, form, template } = request.params;
      const who = await authorize(request, { app: appKey, form, action: 'record.print' });
      return sendPdf(request, reply, who, {
        app: appKey,
        form,
        template,
        ids: request.body.ids,
        download: request.query.download ?? false,
      });
    },
  );
}
