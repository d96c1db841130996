import { type ImportProblem, type ImportStatus, importsApi } from '../../api/imports.api';

const FINISHED = new Set<ImportStatus['status']>(['done', 'failed', 'interrupted']);

/** Polls an import until it ends, telling each state on the way (for the progress bar). */
export async function waitForImport(
  id: string,
  onProgress: (status: ImportStatus) => void = () => undefined,
  everyMs = 400,
): Promise<ImportStatus> {
  for (;;) {
    const status = await importsApi.status(id, { limit: 1000 });
    onProgress(status);
    if (FINISHED.has(status.status)) return status;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Every problem of a finished import (the API pages them by 1000). */
export async function allProblems(status: ImportStatus): Promise<ImportProblem[]> {
  const out = [...status.problems];
  while (out.length < status.problemCount) {
    const page = await importsApi.status(status.id, { offset: out.length, limit: 1000 });
    if (page.problems.length === 0) break;
    out.push(...page.problems);
  }
  return out;
}

const cell = (value: string | number) => {
  const text = String(value);
  // a leading = + - @ would run as a formula when the report is opened in Excel
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The row report as CSV (with a BOM, so Excel reads the Chinese text as UTF-8). */
export function rowReportCsv(
  problems: readonly ImportProblem[],
  headings: { row: string; column: string; problem: string; file: string },
): string {
  const lines = [[headings.row, headings.column, headings.problem].map(cell).join(',')];
  for (const p of problems)
    lines.push([p.row === 0 ? headings.file : p.row, p.column ?? '', p.message].map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Offers text as a file to save. */
export function download(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
