import { http } from './http';

export type ImportMode = 'all_or_nothing' | 'valid_rows_only';

export interface ImportCounts {
  readonly rowsRead?: number;
  readonly rowsCreated?: number;
  readonly rowsUpdated?: number;
  readonly rowsUnchanged?: number;
  readonly rowsSkipped?: number;
  readonly rowsFailed?: number;
}

export interface ImportProblem {
  /** 1-based sheet row (the header is row 1); 0 = the file as a whole. */
  readonly row: number;
  readonly column: string | null;
  readonly field: string | null;
  readonly message: string;
}

/** An import's state (apps/server imports.schemas ImportStatusOut). */
export interface ImportStatus {
  readonly id: string;
  readonly status: 'queued' | 'running' | 'done' | 'failed' | 'interrupted';
  readonly outcome: 'committed' | 'rolled_back' | 'dry_run' | 'refused' | null;
  readonly counts: ImportCounts;
  readonly columns: readonly { header: string; field: string }[];
  readonly unknownColumns: readonly string[];
  readonly problemCount: number;
  readonly problems: readonly ImportProblem[];
  readonly error: string | null;
}

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
    return http.post<{ id: string }>(`/api/apps/${app}/forms/${form}/imports`, body);
  },
  status: (id: string, page: { offset?: number; limit?: number } = {}) =>
    http.get<ImportStatus>(`/api/imports/${id}`, { offset: page.offset, limit: page.limit }),
};
