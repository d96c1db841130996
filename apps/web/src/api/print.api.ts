import type { PrintTemplateList, PrintTemplateSummary } from '@tessera/api';
import { http, requestBlob } from './http';

export type { PrintTemplateList, PrintTemplateSummary };

/** A PDF as the server rendered it: the bytes, its page count and the file name it suggests. */
export interface PrintedPdf {
  readonly blob: Blob;
  readonly pages: number;
  readonly fileName: string;
}

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

export const printApi = {
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
