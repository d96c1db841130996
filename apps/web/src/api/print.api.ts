import type { PrintDraftOut, PrintTemplateList, PrintTemplateOut, PrintTemplateSummary } from '@tessera/api';
import type { PrintTemplateDefinition } from '@tessera/schema';
import { http, requestBlob } from './http';

export type { PrintTemplateList, PrintTemplateSummary };

/** A PDF as the server rendered it: the bytes, its page count and the file name it suggests. */
export interface PrintedPdf {
  readonly blob: Blob;
  readonly pages: number;
  readonly fileName: string;
}

/** A template as the editor reads it: the published definition and the draft, if one is kept. */
export type StoredPrintTemplate = PrintTemplateOut;

/** A problem of a template, by JSON path (`/body/1/items/0/field`). */
export type TemplateProblem = PrintDraftOut['problems'][number];

const base = (app: string, form: string) => `/api/apps/${app}/forms/${form}`;

function printed({ blob, headers }: { blob: Blob; headers: Headers }, fallback: string): PrintedPdf {
  return {
    blob,
    pages: Number(headers.get('x-print-pages') ?? 0),
    fileName: fileNameOf(headers.get('content-disposition')) ?? `${fallback}.pdf`,
  };
}

/** `filename*=UTF-8''…` (the record's number and the template, in any script) before `filename=`. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? null;
}

const templateUrl = (app: string, form: string, key: string) => `${base(app, form)}/print-templates/${key}`;

export const printApi = {
  template: (app: string, form: string, key: string) =>
    http.get<StoredPrintTemplate>(templateUrl(app, form, key)),
  /** Keeps the draft; answers what publishing it would refuse. */
  saveDraft: (app: string, form: string, key: string, definition: PrintTemplateDefinition) =>
    http.put<PrintDraftOut>(`${templateUrl(app, form, key)}/draft`, { definition }),
  publish: (app: string, form: string, key: string, version: number) =>
    http.post<{ version: number }>(`${templateUrl(app, form, key)}/publish`, { version }),
  /** One record printed with an unsaved definition (nothing is stored). */
  preview: async (
    app: string,
    form: string,
    id: string,
    definition: PrintTemplateDefinition,
    signal?: AbortSignal,
  ) =>
    printed(
      await requestBlob('POST', `${base(app, form)}/records/${id}/print-preview/${definition.key}`, {
        body: { definition },
        ...(signal ? { signal } : {}),
      }),
      definition.key,
    ),
  templates: (app: string, form: string) => http.get<PrintTemplateList>(`${base(app, form)}/print-templates`),
  /** The same-origin address of one record's PDF (GET). */
  recordUrl: (app: string, form: string, id: string, template: string) =>
    `${base(app, form)}/records/${id}/print/${template}`,
  record: async (app: string, form: string, id: string, template: string, signal?: AbortSignal) =>
    printed(
      await requestBlob('GET', printApi.recordUrl(app, form, id, template), signal ? { signal } : {}),
      template,
    ),
  batch: async (app: string, form: string, ids: readonly string[], template: string, signal?: AbortSignal) =>
    printed(
      await requestBlob('POST', `${base(app, form)}/records/print/${template}`, {
        body: { ids },
        ...(signal ? { signal } : {}),
      }),
      template,
    ),
};
