import type { Static } from '@sinclair/typebox';
import {
  PdfOut,
  PrintBatchIn,
  PrintOneParams,
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
      if (saved.ok) return { version: saved.version };
      if (saved.stale) throw new ApiError('STALE_VERSION', 'The template was changed meanwhile: reload it.');
      throw ApiError.validation(saved.errors, 'The print template is invalid.');
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
