import type { PackError } from '@tessera/packs';
import type { FieldError } from '../errors/api-error';

/** A pack error as a problem's field error: the file and the JSON pointer inside it, the line when known. */
export function packFieldError(e: PackError): FieldError {
  const where =
    e.line === undefined ? '' : ` (line ${e.line}${e.column === undefined ? '' : `, column ${e.column}`})`;
  return { path: `${e.file}${e.path}`, message: `${e.message}${where}` };
}
