import type { Actor, Clock, RecordService } from '@tessera/forms';
import type { PrintTemplateDefinition } from '@tessera/schema';
import type { Kysely } from 'kysely';
import { planLoad } from '../data/load-plan.planner';
import { loadPrintData } from '../data/print-data.loader';
import { buildDocument } from '../document/document.builder';
import { PrintError } from '../errors/print.error';
import { printFonts } from '../fonts/print-fonts';
import { type PrintFileSource, readRecordImages, recordImageKeys } from '../images/record-image.reader';
import { planPrint } from '../layout/print.planner';
import type { PlanPage } from '../layout/print-plan';
import { imageSize } from '../render/image-size.reader';
import { renderPdf } from '../render/pdf.renderer';
import { checkPrintTemplate, type TemplateIssue, templateTitle } from '../template/print-template.validator';
import {
  assetNames,
  findTemplate,
  listTemplates,
  loadAssets,
  loadFormCatalog,
  type StoredTemplate,
  upsertTemplate,
  writeDraft,
} from './print-template.repository';

export interface PrintContext {
  readonly db: Kysely<any>;
  readonly actor: Actor;
  readonly clock: Clock;
  /** Zone of printed date-times and of `{{ $now }}` (TESSERA_TIME_ZONE). */
  readonly timeZone?: string;
  /** Attachment bytes (the server's file storage): without it, images from attachment fields print blank. */
  readonly files?: PrintFileSource;
}

export type SaveTemplateResult =
  | { readonly ok: true; readonly version: number }
  | { readonly ok: false; readonly errors: readonly TemplateIssue[]; readonly stale?: true };

export interface PrintedPdf {
  readonly pdf: Buffer;
  readonly pages: number;
  readonly template: PrintTemplateDefinition;
  /** The file name to offer: the template's title and the record's number. */
  readonly fileName: string;
}

/** The most records one batch prints. */
export const MAX_BATCH = 200;

/** A draft as saved: what publishing it would refuse, every problem by JSON path (empty: publishable). */
export type SaveDraftResult =
  | { readonly ok: true; readonly problems: readonly TemplateIssue[] }
  | { readonly ok: false; readonly reason: 'not_found' };

/** A preview: the PDF of an unsaved definition, or why it cannot print. */
export type PreviewResult =
  | ({ readonly ok: true } & PrintedPdf)
  | { readonly ok: false; readonly errors: readonly TemplateIssue[] };

export interface PrintService {
  saveTemplate(app: string, definition: unknown, expectedVersion?: number): Promise<SaveTemplateResult>;
  /** Keeps the editor's work as the template's draft (any JSON: checked, not refused); the published one keeps printing. */
  saveDraft(app: string, key: string, definition: unknown): Promise<SaveDraftResult>;
  /** Publishes the draft (checked like saveTemplate; with `expectedVersion` only over that version) and clears it. */
  publishDraft(app: string, key: string, expectedVersion?: number): Promise<SaveTemplateResult>;
  /** Prints one record with an unsaved definition (the editor's live preview): checked first, nothing stored. */
  preview(
    app: string,
    definition: unknown,
    id: string,
    records: RecordService,
    printedBy: string,
  ): Promise<PreviewResult>;
  getTemplate(app: string, key: string): Promise<StoredTemplate | null>;
  listTemplates(app: string, form?: string): Promise<StoredTemplate[]>;
  /**
   * Prints records of `form` with template `key` as one PDF (each record from a new page, its
   * own page numbers), reading them through `records` — the caller's records service, so their
   * row scope and hidden fields apply exactly as to the records API's get.
   */
  print(
    app: string,
    form: string,
    key: string,
    ids: readonly string[],
    records: RecordService,
    printedBy: string,
  ): Promise<PrintedPdf>;
}

export function createPrintService(context: PrintContext): PrintService {
  const { db } = context;
  const timeZone = context.timeZone ?? 'UTC';
  /** One PDF of `ids` printed with `template` (checked already), read through `records`. */
  async function render(
    app: string,
    template: PrintTemplateDefinition,
    ids: readonly string[],
    records: RecordService,
    printedBy: string,
  ): Promise<PrintedPdf> {
    const form = template.form;
    const catalog = (await loadFormCatalog(db, app)) ?? {};
    const data = await loadPrintData(db, records, app, planLoad(template, catalog), ids);
    if (data.missing.length > 0)
      throw new PrintError('RECORD_NOT_FOUND', `no record ${data.missing.join(', ')} of form ${form}`);
    const now = context.clock.now();
    const docs = data.records.map((record) =>
      buildDocument(template, record, catalog, {
        timeZone,
        userName: (id) => data.names.users.get(id),
        departmentName: (code) => data.names.departments.get(code),
        roleTitle: (key) => data.names.roles.get(key),
        now,
        printedBy,
      }),
    );
    const assets = await loadAssets(db, app, usedAssets(template), context.files);
    if (context.files) {
      const keys = [...new Set(docs.flatMap(recordImageKeys))];
      for (const [key, bytes] of await readRecordImages(app, keys, records, context.files))
        if (imageSize(bytes)) assets.set(key, bytes);
    }
    const sizes = new Map(
      [...assets].flatMap(([name, bytes]) => {
        const size = imageSize(bytes);
        return size ? [[name, size] as const] : [];
      }),
    );
    const fonts = printFonts();
    const pages: PlanPage[] = docs.flatMap((doc) => planPrint(doc, fonts.measure, sizes).pages);
    const firstTitle = docs[0]?.title ?? '';
    const title =
      data.records.length === 1 ? firstTitle : `${templateTitle(template)} ×${data.records.length}`;
    const pdf = await renderPdf({ title, pages }, { fonts, assets, createdAt: now });
    return {
      pdf,
      pages: pages.length,
      template,
      fileName: `${title.replace(/[\\/:*?"<>|\s]+/g, '_')}.pdf`,
    };
  }

  const service: PrintService = {
    async saveTemplate(app, definition, expectedVersion) {
      const catalog = await loadFormCatalog(db, app);
      if (!catalog) return { ok: false, errors: [{ path: '', message: `no app ${app}` }] };
      const checked = checkPrintTemplate(definition, catalog, await assetNames(db, app));
      if (!checked.ok) return checked;
      const { $schema: _, ...stored } = checked.value as PrintTemplateDefinition & { $schema?: string };
      const saved = await upsertTemplate(db, {
        app,
        definition: stored,
        actorId: context.actor.id,
        at: context.clock.now(),
        ...(expectedVersion === undefined ? {} : { expectedVersion }),
      });
      if (saved.ok) return saved;
      if (saved.reason === 'stale')
        return {
          ok: false,
          stale: true,
          errors: [{ path: '', message: 'the template was changed meanwhile' }],
        };
      return { ok: false, errors: [{ path: '', message: `no app ${app}` }] };
    },
    getTemplate: (app, key) => findTemplate(db, app, key),
    listTemplates: (app, form) => listTemplates(db, app, form),
    async saveDraft(app, key, definition) {
      const stored = await findTemplate(db, app, key);
      if (!stored) return { ok: false, reason: 'not_found' };
      await writeDraft(db, { app, key, definition, actorId: context.actor.id, at: context.clock.now() });
      const catalog = (await loadFormCatalog(db, app)) ?? {};
      const checked = checkPrintTemplate(definition, catalog, await assetNames(db, app));
      return { ok: true, problems: checked.ok ? [] : checked.errors };
    },
    async publishDraft(app, key, expectedVersion) {
      const stored = await findTemplate(db, app, key);
      if (!stored?.draft)
        return { ok: false, errors: [{ path: '', message: `template ${key} has no draft` }] };
      const saved = await service.saveTemplate(
        app,
        stored.draft.definition,
        expectedVersion ?? stored.version,
      );
      if (saved.ok)
        await writeDraft(db, { app, key, definition: null, actorId: null, at: context.clock.now() });
      return saved;
    },
    async preview(app, definition, id, records, printedBy) {
      const catalog = (await loadFormCatalog(db, app)) ?? {};
      const checked = checkPrintTemplate(definition, catalog, await assetNames(db, app));
      if (!checked.ok) return checked;
      return { ok: true, ...(await render(app, checked.value, [id], records, printedBy)) };
    },
    async print(app, form, key, ids, records, printedBy) {
      const stored = await findTemplate(db, app, key);
      if (!stored || stored.definition.form !== form)
        throw new PrintError('PRINT_TEMPLATE_NOT_FOUND', `form ${form} has no print template ${key}`);
      if (ids.length === 0 || ids.length > MAX_BATCH)
        throw new PrintError('PRINT_TOO_MANY_RECORDS', `print 1 to ${MAX_BATCH} records at a time`, [
          { path: 'ids', message: `must hold 1 to ${MAX_BATCH} ids` },
        ]);
      return render(app, stored.definition, ids, records, printedBy);
    },
  };
  return service;
}

/** Every image a template places. */
export function usedAssets(t: PrintTemplateDefinition): string[] {
  const names = new Set<string>();
  for (const b of [t.header, t.footer])
    for (const item of [...(b?.left ?? []), ...(b?.center ?? []), ...(b?.right ?? [])])
      if (item.type === 'image' && item.asset) names.add(item.asset);
  for (const b of t.body) if (b.type === 'image' && b.asset) names.add(b.asset);
  return [...names];
}
