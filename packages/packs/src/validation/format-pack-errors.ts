import type { PackError } from '../model/pack-error.js';

/**
 * One line per error: `forms/customer.json /fields/2/type: must be one of …`. Errors about a
 * whole file omit the path; JSON syntax errors give line and column instead
 * (`forms/customer.json:3:14: invalid JSON: …`), as compilers do.
 */
export function formatPackErrors(errors: readonly PackError[]): string {
  return errors
    .map((e) => {
      if (e.code === 'json_syntax') return `${e.file}:${e.line}:${e.column}: ${e.message}`;
      return e.path === '' ? `${e.file}: ${e.message}` : `${e.file} ${e.path}: ${e.message}`;
    })
    .join('\n');
}
