import type { ImportAccepted, ImportRowProblem, ImportStatusOut } from '@tessera/api';
import { http } from './http';

export type ImportMode = 'all_or_nothing' | 'valid_rows_only';
/** An import's state and a page of its per-row report. */
export type ImportStatus = ImportStatusOut;
export type ImportProblem = ImportRowProblem;

export interface ImportRequest {
  readonly file: File;
  /** Column header → field key, or null to skip the column (absent: matched by label). */
  readonly mapping?: Readonly<Record<string, string | null>>;
  readonly mode: ImportMode;
  readonly dryRun: boolean;
}

export const importsApi = {
  /** Options go before the file: the server checks them before it reads a byte of the upload. */
  start: (app: string, form: string, request: ImportRequest) => {
    const body = new FormData();
    if (request.mapping) body.append('mapping', JSON.stringify(request.mapping));
    body.append('mode', request.mode);
    body.append('dryRun', String(request.dryRun));
    body.append('file', request.file, request.file.name);
    return http.post<ImportAccepted>(`/api/apps/${app}/forms/${form}/imports`, body);
  },
  status: (id: string, page: { offset?: number; limit?: number } = {}) =>
    http.get<ImportStatus>(`/api/imports/${id}`, { offset: page.offset, limit: page.limit }),
};
