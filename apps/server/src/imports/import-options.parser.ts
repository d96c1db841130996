import { findUnstorableText, unstorableText } from '@tessera/schema';
import type { DuplicateMode, ImportMode, ImportOptions } from '@tessera/sheets';
import { ApiError, type FieldError } from '../errors/api-error';

const MODES: Readonly<Record<string, ImportMode>> = {
  all_or_nothing: 'all_or_nothing',
  'all-or-nothing': 'all_or_nothing',
  valid_rows_only: 'valid_rows_only',
  'valid-only': 'valid_rows_only',
  'valid-rows-only': 'valid_rows_only',
};

/**
 * Import options from form fields or the query string (all text): mapping (JSON object header →
 * field key or null), key, duplicates (update|skip), mode, dryRun, chunkSize. Every bad option is
 * reported by name, nothing is guessed. Text the import record cannot store (a NUL, a lone
 * surrogate) in the mapping, the key or the file name is refused here, not by the database.
 */
export function parseImportOptions(raw: Readonly<Record<string, string | undefined>>): ImportOptions {
  const errors: FieldError[] = [];
  const options: { -readonly [K in keyof ImportOptions]: ImportOptions[K] } = {};
  if (raw.mapping !== undefined && raw.mapping !== '') {
    try {
      const mapping = JSON.parse(raw.mapping) as unknown;
      const ok =
        mapping !== null &&
        typeof mapping === 'object' &&
        !Array.isArray(mapping) &&
        Object.values(mapping).every((v) => v === null || typeof v === 'string');
      const unstorable = ok ? findUnstorableText(mapping, 'mapping') : null;
      if (unstorable) errors.push(unstorable);
      else if (ok) options.mapping = mapping as Record<string, string | null>;
      else
        errors.push({
          path: 'mapping',
          message: 'must be a JSON object of column header → field key (or null)',
        });
    } catch {
      errors.push({ path: 'mapping', message: 'is not valid JSON' });
    }
  }
  if (raw.key) {
    const problem = unstorableText(raw.key);
    if (problem) errors.push({ path: 'key', message: problem });
    else options.key = raw.key;
  }
  const fileNameProblem = raw.fileName ? unstorableText(raw.fileName) : null;
  if (fileNameProblem) errors.push({ path: 'fileName', message: fileNameProblem });
  if (raw.duplicates !== undefined) {
    if (raw.duplicates === 'update' || raw.duplicates === 'skip')
      options.duplicates = raw.duplicates as DuplicateMode;
    else errors.push({ path: 'duplicates', message: 'must be update or skip' });
  }
  if (raw.mode !== undefined) {
    const mode = MODES[raw.mode];
    if (mode) options.mode = mode;
    else errors.push({ path: 'mode', message: 'must be all_or_nothing or valid_rows_only' });
  }
  if (raw.dryRun !== undefined) {
    if (raw.dryRun === 'true' || raw.dryRun === 'false') options.dryRun = raw.dryRun === 'true';
    else errors.push({ path: 'dryRun', message: 'must be true or false' });
  }
  if (raw.chunkSize !== undefined) {
    const n = Number(raw.chunkSize);
    if (Number.isInteger(n) && n >= 1 && n <= 5000) options.chunkSize = n;
    else errors.push({ path: 'chunkSize', message: 'must be a whole number from 1 to 5000' });
  }
  if (errors.length > 0) throw ApiError.validation(errors, 'The import options are invalid.');
  return options;
}
